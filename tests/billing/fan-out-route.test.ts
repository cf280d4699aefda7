// The fan-out through the routes Next serves (docs/billing-fan-out.md): GET /api/cron/billing
// with a backlog larger than one invocation clears starts worker invocations over HTTP on the
// app's own origin (APP_URL, here a local server in front of the real worker route module),
// with the cron's bearer secret; the workers charge beside the run, record themselves in
// cron_runs, and every subscription is charged exactly once. The worker route refuses callers
// without the secret, parameters it does not know, and workers beyond BILLING_MAX_WORKERS.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { cronRuns } from "@/lib/db/schema";
import { BILLING_JOB, BILLING_WORKER_JOB } from "@/lib/cron/job-names";
import { workersToStart } from "@/lib/jobs/billing-fan-out";
import { seedDueSubscriptions } from "./support/seed-due-subscriptions";
import {
  doubleCharges,
  retireEverything,
  startBillingHarness,
  type BillingHarness,
} from "./support/billing-harness";

// Next runs after() callbacks once the response is sent, and throws outside a request. Here the
// local server's requests to the worker route are the request scope: their after() work runs at
// once (its promise kept, to wait for the workers' end) and outside that scope, as in Next, so
// the email deliveries it would schedule are left to the notifications cron.
const { afterWork, requestScope } = await vi.hoisted(async () => {
  const { AsyncLocalStorage } = await import("node:async_hooks");
  return { afterWork: [] as Promise<unknown>[], requestScope: new AsyncLocalStorage<true>() };
});
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (task: (() => Promise<unknown>) | Promise<unknown>) => {
    if (!requestScope.getStore()) throw new Error("`after` was called outside a request scope");
    afterWork.push(requestScope.exit(() => (typeof task === "function" ? task() : task)));
  },
}));

const SECRET = process.env.CRON_SECRET!;
const HOUR = 60 * 60 * 1000;

let harness: BillingHarness;
let server: Server;
let origin: string;

/** The route modules as Next would load them, reading the environment afresh. */
async function routes() {
  vi.resetModules();
  const [cron, worker] = await Promise.all([
    import("@/app/api/cron/billing/route"),
    import("@/app/api/cron/billing/worker/route"),
  ]);
  return { cron, worker };
}

beforeAll(async () => {
  harness = await startBillingHarness();
  // The app's own origin: requests go to the worker route module loaded at the time.
  server = createServer((req, res) => {
    void (async () => {
      const { POST } = await import("@/app/api/cron/billing/worker/route");
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      const response = await requestScope.run(true, () =>
        POST(new Request(`${origin}${req.url ?? "/"}`, { method: req.method, headers })),
      );
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    APP_URL: origin,
    // Small numbers, so a 250-subscription backlog is "more than one invocation".
    BILLING_CHARGES_PER_INVOCATION: "100",
    BILLING_MAX_WORKERS: "2",
  });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await harness.close();
});
afterEach(async () => {
  await Promise.allSettled(afterWork.splice(0));
  await retireEverything();
  await db()
    .delete(cronRuns)
    .where(sql`true`);
});

const bearer = { authorization: `Bearer ${SECRET}` };

describe("GET /api/cron/billing with a large backlog", () => {
  it("starts workers over HTTP that charge beside the run, each subscription once", async () => {
    const seeded = await seedDueSubscriptions({
      count: 250,
      sandboxUrl: harness.sandboxUrl,
      dueAt: new Date(Date.now() - HOUR),
    });
    await harness.setFaults({ latencyMs: 20 });
    const { cron } = await routes();

    const response = await cron.GET(
      new Request("http://localhost/api/cron/billing", { headers: bearer }),
    );
    expect(response.status).toBe(200);
    const summary = (await response.json()) as {
      succeeded: number;
      fanOut: Record<string, unknown>;
    };
    // ⌈250 ÷ 100⌉ = 3 invocations: the run and 2 workers.
    expect(summary.fanOut).toMatchObject({
      backlog: 250,
      chargesPerInvocation: 100,
      basis: "configured",
      requested: 2,
      started: 2,
      failed: 0,
    });
    await Promise.all(afterWork.splice(0));
    await harness.setFaults({ latencyMs: 0 });

    const [parent] = await db().select().from(cronRuns).where(eq(cronRuns.job, BILLING_JOB));
    const workers = await db().select().from(cronRuns).where(eq(cronRuns.job, BILLING_WORKER_JOB));
    expect(workers).toHaveLength(2);
    const workerSummaries = workers.map((w) => {
      expect(w.status).toBe("succeeded");
      return w.summary as { parentRunId: string; worker: number; succeeded: number };
    });
    expect(workerSummaries.map((s) => s.parentRunId)).toEqual([parent!.id, parent!.id]);
    expect(workerSummaries.map((s) => s.worker).sort()).toEqual([1, 2]);
    const byWorkers = workerSummaries.reduce((sum, s) => sum + s.succeeded, 0);
    expect(byWorkers).toBeGreaterThan(0);
    expect(summary.succeeded + byWorkers).toBe(250);

    const ours = new Set(seeded.providerCustomerIds);
    const charges = (await harness.ledger()).filter((c) => ours.has(c.userId));
    expect(charges).toHaveLength(250);
    expect(doubleCharges(charges)).toEqual([]);
  });

  it("starts no worker when one invocation clears the backlog", async () => {
    await seedDueSubscriptions({
      count: 20,
      sandboxUrl: harness.sandboxUrl,
      dueAt: new Date(Date.now() - HOUR),
    });
    const { cron } = await routes();
    const response = await cron.GET(
      new Request("http://localhost/api/cron/billing", { headers: bearer }),
    );
    const summary = (await response.json()) as { succeeded: number; fanOut: unknown };
    expect(summary).toMatchObject({ succeeded: 20, fanOut: { backlog: 20, requested: 0 } });
    expect(await db().select().from(cronRuns).where(eq(cronRuns.job, BILLING_WORKER_JOB))).toEqual(
      [],
    );
  });
});

describe("POST /api/cron/billing/worker", () => {
  const parent = "0b9f9b8e-7c1d-4c52-9d0e-6a1f3c2b4d5e";
  const call = (query: string, headers: Record<string, string> = {}) =>
    new Request(`http://localhost/api/cron/billing/worker${query}`, { method: "POST", headers });
  const post = (route: { POST: (request: Request) => Promise<Response> }, request: Request) =>
    requestScope.run(true, () => route.POST(request));

  it("answers 401 without the secret and records nothing", async () => {
    const { worker } = await routes();
    for (const headers of [{}, { authorization: `Bearer ${SECRET}x` }] as Record<
      string,
      string
    >[]) {
      const response = await post(worker, call(`?parent=${parent}&worker=1`, headers));
      expect(response.status).toBe(401);
    }
    expect(await db().select().from(cronRuns)).toEqual([]);
  });

  it("refuses parameters it does not know or cannot take, with 400", async () => {
    const { worker } = await routes();
    for (const query of [
      "",
      `?parent=not-a-uuid&worker=1`,
      `?parent=${parent}&worker=0`,
      `?parent=${parent}&worker=33`,
      `?parent=${parent}&worker=1&now=2020-01-01`,
      `?parent=${parent}&worker=${"9".repeat(400)}`,
    ]) {
      const response = await post(worker, call(query, bearer));
      expect(response.status, query).toBe(400);
    }
    expect(await db().select().from(cronRuns)).toEqual([]);
  });

  it("refuses a worker beyond BILLING_MAX_WORKERS running ones, with 429", async () => {
    const { worker } = await routes();
    // Two workers recorded as running a minute ago (one may have crashed): the limit is 2.
    const startedAt = new Date(Date.now() - 60_000);
    await db()
      .insert(cronRuns)
      .values([
        { job: BILLING_WORKER_JOB, status: "running", startedAt },
        { job: BILLING_WORKER_JOB, status: "running", startedAt },
      ]);
    const response = await post(worker, call(`?parent=${parent}&worker=3`, bearer));
    expect(response.status).toBe(429);
    // A run left `running` longer than a worker can live no longer counts.
    await db()
      .update(cronRuns)
      .set({ startedAt: new Date(Date.now() - 2 * HOUR) })
      .where(eq(cronRuns.job, BILLING_WORKER_JOB));
    const again = await post(worker, call(`?parent=${parent}&worker=3`, bearer));
    expect(again.status).toBe(200);
  });
});

describe("charges one invocation clears", () => {
  it("is measured from the latest run that charged a real backlog, else estimated low", async () => {
    const configured = process.env.BILLING_CHARGES_PER_INVOCATION;
    delete process.env.BILLING_CHARGES_PER_INVOCATION;
    try {
      vi.resetModules();
      const { chargesPerInvocation } = await import("@/lib/jobs/billing-fan-out");
      const window = { concurrency: 8, windowMs: 255_000 };
      // Nothing measured yet: one charge per slot per second.
      expect(await chargesPerInvocation(window)).toEqual({
        chargesPerInvocation: 8 * 255,
        basis: "estimate",
      });
      const at = (minutes: number) => new Date(Date.now() - minutes * 60_000);
      await db()
        .insert(cronRuns)
        .values([
          // 1,000 in 10 s: 100 a second.
          {
            job: BILLING_JOB,
            status: "succeeded",
            startedAt: at(120),
            summary: { claimed: 1_000, chargingMs: 10_000 },
          },
          // A worker since, 2,000 in 10 s: the latest counts.
          {
            job: BILLING_WORKER_JOB,
            status: "succeeded",
            startedAt: at(60),
            summary: { claimed: 2_000, chargingMs: 10_000 },
          },
          // Too small to say anything, failed, or another job: ignored.
          {
            job: BILLING_JOB,
            status: "succeeded",
            startedAt: at(1),
            summary: { claimed: 12, chargingMs: 90 },
          },
          {
            job: BILLING_JOB,
            status: "failed",
            startedAt: at(2),
            summary: { claimed: 5_000, chargingMs: 1_000 },
          },
          {
            job: "notifications",
            status: "succeeded",
            startedAt: at(3),
            summary: { claimed: 9_000, chargingMs: 1_000 },
          },
        ]);
      expect(await chargesPerInvocation(window)).toEqual({
        chargesPerInvocation: 200 * 255,
        basis: "measured",
      });
    } finally {
      process.env.BILLING_CHARGES_PER_INVOCATION = configured;
    }
  });
});

describe("how many workers", () => {
  it("enough invocations for the backlog, capped by the providers' caps and the maximum", () => {
    const base = { chargesPerInvocation: 40_000, concurrency: 16, inFlightCap: 64, maxWorkers: 8 };
    expect(workersToStart({ ...base, backlog: 40_000 })).toBe(0);
    expect(workersToStart({ ...base, backlog: 40_001 })).toBe(1);
    // 500,000 renewals need 13 invocations, but 64 slots keep only 4 of 16 busy.
    expect(workersToStart({ ...base, backlog: 500_000 })).toBe(3);
    expect(workersToStart({ ...base, backlog: 500_000, inFlightCap: 1_000 })).toBe(8);
    expect(workersToStart({ ...base, backlog: 500_000, maxWorkers: 0 })).toBe(0);
  });
});
