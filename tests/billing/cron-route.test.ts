// GET /api/cron/billing through the route module Next serves: the secret check happens before
// anything touches the database, a misconfigured secret refuses to run, and an authorized call
// runs the billing pass and answers its summary, never cached.
import { readFileSync } from "node:fs";
import { count } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { cronRuns, subscriptions } from "@/lib/db/schema";
import {
  createPlan,
  createSubscriber,
  retireEverything,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
} from "./support/billing-harness";

const SECRET = process.env.CRON_SECRET!;
const HOUR = 60 * 60 * 1000;

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
afterEach(async () => {
  process.env.CRON_SECRET = SECRET;
  await retireEverything();
});

/** The route as Next would load it, reading the environment afresh (getEnv caches per module). */
async function route() {
  vi.resetModules();
  return import("@/app/api/cron/billing/route");
}

function call(headers: Record<string, string> = {}) {
  return new Request("http://localhost/api/cron/billing", { headers });
}

async function cronRunCount() {
  const [row] = await db().select({ n: count() }).from(cronRuns);
  return row?.n ?? -1;
}

async function dueSubscriber() {
  const plan = await createPlan();
  const end = new Date(Date.now() - HOUR);
  return createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: new Date(end.getTime() - 30 * 24 * HOUR),
    periodEnd: end,
  });
}

describe("GET /api/cron/billing", () => {
  it("answers 401 without the exact bearer secret and writes nothing", async () => {
    const s = await dueSubscriber();
    const { GET } = await route();
    const wrongSameLength = `${SECRET.slice(0, -1)}${SECRET.endsWith("x") ? "y" : "x"}`;
    const attempts: Record<string, string>[] = [
      {},
      { authorization: "" },
      { authorization: SECRET },
      { authorization: `Bearer ${wrongSameLength}` },
      { authorization: `Bearer ${SECRET}x` },
      { authorization: `bearer ${SECRET}` },
      { authorization: `Basic ${SECRET}` },
    ];
    for (const headers of attempts) {
      const response = await GET(call(headers));
      expect(response.status, JSON.stringify(headers)).toBe(401);
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(await cronRunCount()).toBe(0);
    const sub = await subscriptionRow(s.subscription.id);
    expect(sub).toMatchObject({ periodNumber: 1, lockedBy: null });
  });

  it("refuses to run when CRON_SECRET is unset or shorter than 32 characters", async () => {
    // 31 characters: one short of the minimum.
    for (const secret of ["", "too-short-secret-0123456789abcd"]) {
      process.env.CRON_SECRET = secret;
      const { GET } = await route();
      const response = await GET(call({ authorization: `Bearer ${secret}` }));
      expect(response.status).toBe(500);
      expect(response.headers.get("cache-control")).toBe("no-store");
      const body = (await response.json()) as { error: string };
      expect(body.error).toContain("CRON_SECRET");
    }
    expect(await cronRunCount()).toBe(0);
  });

  it("runs the billing pass with the right secret and answers its summary", async () => {
    const s = await dueSubscriber();
    const { GET, maxDuration } = await route();
    expect(maxDuration).toBe(300);
    const response = await GET(call({ authorization: `Bearer ${SECRET}` }));
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const summary = (await response.json()) as Record<string, unknown>;
    expect(summary).toMatchObject({ claimed: 1, succeeded: 1, remaining: 0 });
    for (const key of ["declined", "unknown", "reconciled", "expired", "canceled", "durationMs"]) {
      expect(summary).toHaveProperty(key);
    }
    expect(await cronRunCount()).toBe(1);
    expect((await subscriptionRow(s.subscription.id)).periodNumber).toBe(2);
    const charged = (await harness.ledger()).filter((c) => c.userId === s.providerCustomerId);
    expect(charged).toHaveLength(1);
    const [subs] = await db().select({ n: count() }).from(subscriptions);
    expect(subs?.n).toBeGreaterThan(0);
  });

  it("is scheduled hourly in vercel.json, with the functions in Seoul", () => {
    const config = JSON.parse(readFileSync("vercel.json", "utf8")) as {
      crons: unknown[];
      regions: string[];
    };
    expect(config.crons).toContainEqual({ path: "/api/cron/billing", schedule: "0 * * * *" });
    // Next to the managed database and Toss's servers: every request crosses the sea otherwise.
    expect(config.regions).toEqual(["icn1"]);
    const source = readFileSync("app/api/cron/billing/route.ts", "utf8");
    expect(source.startsWith("// GET /api/cron/billing (hourly)")).toBe(true);
  });
});
