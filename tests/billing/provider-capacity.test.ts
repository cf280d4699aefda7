// The global per-provider cap of the billing fan-out (docs/billing-fan-out.md), against the real
// PostgreSQL and the Toss Pay sandbox over HTTP: the hourly run and two workers charging at once
// never have more requests in flight at the provider than the cap (counted by the sandbox
// itself), and charge every subscription exactly once; a crashed run's lapsed slots are taken
// over, a live run's are not; a worker without any slot waits until one is given back.
import { randomUUID } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { cronRuns, providerSlots } from "@/lib/db/schema";
import { startCronRun } from "@/lib/cron/cron-runs";
import { BILLING_WORKER_JOB } from "@/lib/cron/job-names";
import { runBilling } from "@/lib/jobs/run-billing";
import { runBillingWorker } from "@/lib/jobs/run-billing-worker";
import { seedDueSubscriptions } from "./support/seed-due-subscriptions";
import {
  doubleCharges,
  retireEverything,
  startBillingHarness,
  type BillingHarness,
} from "./support/billing-harness";

const CAP = 6;
vi.hoisted(() => {
  // Read by lib/env.ts on first use, after this file's imports are evaluated.
  process.env.BILLING_PROVIDER_MAX_IN_FLIGHT = "6";
});

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
afterEach(async () => {
  await retireEverything();
  await db()
    .delete(providerSlots)
    .where(sql`true`);
  await harness.setFaults({ latencyMs: 0 });
});

let moment = new Date("2032-03-01T00:00:00Z").getTime();
/** A fresh moment per test, so one test's subscriptions are never due in another. */
function nextMoment(): Date {
  moment += 40 * 24 * 60 * 60 * 1000;
  return new Date(moment);
}

async function inFlight(reset = false): Promise<{ current: number; peak: number }> {
  const response = await fetch(`${harness.sandboxUrl}/_sandbox/in-flight`, {
    method: reset ? "DELETE" : "GET",
  });
  return (await response.json()) as { current: number; peak: number };
}

async function worker(now: Date, number: number, concurrency: number) {
  const cronRunId = await startCronRun(BILLING_WORKER_JOB, now);
  return runBillingWorker({
    cronRunId,
    parentRunId: randomUUID(),
    worker: number,
    now,
    budgetMs: 60_000,
    concurrency,
    batchSize: 8,
    providerFor: harness.providerFor,
  });
}

async function chargedOnce(seeded: { providerCustomerIds: string[] }) {
  const ours = new Set(seeded.providerCustomerIds);
  const charges = (await harness.ledger()).filter((c) => ours.has(c.userId));
  return { charges: charges.length, duplicates: doubleCharges(charges).length };
}

describe("the global in-flight cap", () => {
  it("holds across the hourly run and two workers charging at once, each period charged once", async () => {
    const now = nextMoment();
    const seeded = await seedDueSubscriptions({
      count: 60,
      sandboxUrl: harness.sandboxUrl,
      dueAt: now,
    });
    await harness.setFaults({ latencyMs: 60 });
    await inFlight(true);

    // 4 + 4 + 4 wanted, 6 allowed.
    const [run, first, second] = await Promise.all([
      runBilling({
        now,
        concurrency: 4,
        batchSize: 8,
        providerFor: harness.providerFor,
        sweepRegistrations: false,
      }),
      worker(now, 1, 4),
      worker(now, 2, 4),
    ]);

    const { peak } = await inFlight();
    expect(peak).toBeLessThanOrEqual(CAP);
    // The cap is what bounds them, not something lower.
    expect(peak).toBeGreaterThanOrEqual(CAP - 1);
    expect(run.succeeded + first.succeeded + second.succeeded).toBe(60);
    expect(await chargedOnce(seeded)).toEqual({ charges: 60, duplicates: 0 });
    // Every slot is given back at the end.
    const held = await db()
      .select()
      .from(providerSlots)
      .where(sql`held_by is not null`);
    expect(held).toEqual([]);
    const workers = await db().select().from(cronRuns).where(eq(cronRuns.job, BILLING_WORKER_JOB));
    expect(workers.map((w) => w.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("takes over the lapsed slots of a crashed run and leaves a live run's alone", async () => {
    const now = nextMoment();
    const seeded = await seedDueSubscriptions({
      count: 24,
      sandboxUrl: harness.sandboxUrl,
      dueAt: now,
    });
    const crashed = randomUUID();
    const live = randomUUID();
    await db()
      .insert(providerSlots)
      .values(
        Array.from({ length: CAP }, (_, slot) => ({
          provider: "toss_pay" as const,
          slot,
          // Slots 0–2: a run that died a minute ago; 3–5: a run still going for an hour.
          heldBy: slot < 3 ? crashed : live,
          expiresAt: new Date(Date.now() + (slot < 3 ? -60_000 : 3_600_000)),
        })),
      );
    await harness.setFaults({ latencyMs: 40 });
    await inFlight(true);

    const summary = await worker(now, 1, CAP);

    expect(summary.succeeded).toBe(24);
    expect(summary.slots).toEqual({ toss_pay: 3 });
    expect((await inFlight()).peak).toBeLessThanOrEqual(3);
    expect(await chargedOnce(seeded)).toEqual({ charges: 24, duplicates: 0 });
    const rows = await db().select().from(providerSlots).orderBy(providerSlots.slot);
    expect(rows.map((r) => r.heldBy)).toEqual([null, null, null, live, live, live]);
  });

  it("a worker without a slot waits, and charges once another run gives slots back", async () => {
    const now = nextMoment();
    const seeded = await seedDueSubscriptions({
      count: 10,
      sandboxUrl: harness.sandboxUrl,
      dueAt: now,
    });
    const other = randomUUID();
    await db()
      .insert(providerSlots)
      .values(
        Array.from({ length: CAP }, (_, slot) => ({
          provider: "toss_pay" as const,
          slot,
          heldBy: other,
          expiresAt: new Date(Date.now() + 3_600_000),
        })),
      );

    const running = worker(now, 1, 2);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await chargedOnce(seeded)).charges).toBe(0);

    // The other run finishes and returns its slots.
    await db()
      .update(providerSlots)
      .set({ heldBy: null, expiresAt: null })
      .where(eq(providerSlots.heldBy, other));
    const summary = await running;

    expect(summary.succeeded).toBe(10);
    expect(summary.slots).toEqual({ toss_pay: 2 });
    expect(await chargedOnce(seeded)).toEqual({ charges: 10, duplicates: 0 });
    const free = await db()
      .select()
      .from(providerSlots)
      .where(and(eq(providerSlots.provider, "toss_pay"), isNull(providerSlots.heldBy)));
    expect(free).toHaveLength(CAP);
  });
});
