// The run's leases on subscriptions (lib/billing/claim-due-subscriptions.ts): a processed row
// that is no longer due is handed back whole at once, so the end of the run does not write it a
// second time; one that is still due stays out of this run's reach until the run ends.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  claimDueSubscriptions,
  finishLeases,
  releaseLeases,
} from "@/lib/billing/claim-due-subscriptions";
import { db } from "@/lib/db/client";
import { subscriptions } from "@/lib/db/schema";
import {
  createPlan,
  createSubscriber,
  retireEverything,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
} from "./support/billing-harness";

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
afterEach(retireEverything);

/** The row version: changes whenever the row is written. */
async function rowVersion(id: string): Promise<string> {
  const rows = await db().execute<{ xmin: string }>(
    sql`select xmin::text as xmin from subscriptions where id = ${id}`,
  );
  return rows[0]!.xmin;
}

it("a released row that is no longer due is cleared at once and not written again at the end", async () => {
  const plan = await createPlan({ amount: 9_900 });
  const periodStart = new Date("2027-05-01T01:00:00Z");
  const periodEnd = new Date("2027-06-01T01:00:00Z");
  const now = new Date("2027-06-01T02:00:00Z");
  const renewed = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart,
    periodEnd,
  });
  const awaiting = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart,
    periodEnd,
  });
  const ids = [renewed.subscription.id, awaiting.subscription.id];

  const runId = randomUUID();
  const leaseUntil = new Date(now.getTime() + 60_000);
  expect((await claimDueSubscriptions({ runId, now, leaseUntil, limit: 10 })).sort()).toEqual(
    [...ids].sort(),
  );
  // One was charged into its next period; the other's charge awaits a lookup (still due).
  await db()
    .update(subscriptions)
    .set({ nextChargeAt: new Date("2027-07-01T01:00:00Z"), periodNumber: 2 })
    .where(eq(subscriptions.id, renewed.subscription.id));

  await releaseLeases(runId, ids, now);
  expect(await subscriptionRow(renewed.subscription.id)).toMatchObject({
    lockedBy: null,
    lockedUntil: null,
  });
  expect(await subscriptionRow(awaiting.subscription.id)).toMatchObject({
    lockedBy: runId,
    lockedUntil: null,
  });
  // This run does not take the still-due row again; another run may at once.
  expect(await claimDueSubscriptions({ runId, now, leaseUntil, limit: 10 })).toEqual([]);

  const renewedVersion = await rowVersion(renewed.subscription.id);
  await finishLeases(runId, ids);
  expect(await rowVersion(renewed.subscription.id)).toBe(renewedVersion);
  expect(await subscriptionRow(awaiting.subscription.id)).toMatchObject({
    lockedBy: null,
    lockedUntil: null,
  });
  const otherRun = randomUUID();
  expect(await claimDueSubscriptions({ runId: otherRun, now, leaseUntil, limit: 10 })).toEqual([
    awaiting.subscription.id,
  ]);
  await finishLeases(otherRun, [awaiting.subscription.id]);
});
