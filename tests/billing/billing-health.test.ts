// The admin dashboard's billing health figure, and the run's time budget: a run that stops
// claiming at its budget leaves a backlog that the health figure shows and the next run clears.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getBillingHealth } from "@/lib/jobs/billing-health";
import { runBilling } from "@/lib/jobs/run-billing";
import {
  createPlan,
  createSubscriber,
  startBillingHarness,
  type BillingHarness,
} from "./support/billing-harness";

const HOUR = 60 * 60 * 1000;

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());

describe("billing health and the time budget", () => {
  it("reports the last successful run, the due backlog and unresolved attempts", async () => {
    const empty = await getBillingHealth({ now: new Date("2028-01-01T00:00:00Z") });
    expect(empty).toMatchObject({
      lastSuccessfulRunAt: null,
      dueBacklog: 0,
      unresolvedAttempts: 0,
    });

    const plan = await createPlan();
    const end = new Date("2028-03-01T00:00:00Z");
    for (let i = 0; i < 8; i++) {
      await createSubscriber({
        sandboxUrl: harness.sandboxUrl,
        plan,
        periodStart: new Date(end.getTime() - 29 * 24 * HOUR),
        periodEnd: end,
      });
    }
    const now = new Date(end.getTime() + HOUR);
    expect((await getBillingHealth({ now })).dueBacklog).toBe(8);

    // Every answer takes 300 ms and only one charge is in flight at a time; the run stops
    // claiming 300 ms into a 600 ms budget.
    await harness.setFaults({ latencyMs: 300 });
    let first;
    try {
      first = await runBilling({
        now,
        providerFor: harness.providerFor,
        sweepRegistrations: false,
        concurrency: 1,
        batchSize: 1,
        budgetMs: 600,
        marginMs: 300,
      });
    } finally {
      await harness.setFaults({ latencyMs: 0 });
    }
    expect(first.stoppedEarly).toBe(true);
    expect(first.claimed).toBeGreaterThan(0);
    expect(first.claimed).toBeLessThan(8);
    expect(first.remaining).toBe(8 - first.claimed);

    const health = await getBillingHealth({ now });
    expect(health.dueBacklog).toBe(first.remaining);
    expect(health.lastSuccessfulRunAt?.getTime()).toBeGreaterThanOrEqual(now.getTime());
    expect(health.lastRunSummary).toMatchObject({ claimed: first.claimed });

    // The next run picks up the rest.
    const second = await runBilling({
      now,
      providerFor: harness.providerFor,
      sweepRegistrations: false,
    });
    expect(second).toMatchObject({
      claimed: first.remaining,
      succeeded: first.remaining,
      remaining: 0,
    });
    expect(await getBillingHealth({ now })).toMatchObject({ dueBacklog: 0, unresolvedAttempts: 0 });
  });
});
