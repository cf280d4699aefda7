// The run's leases on subscriptions (lib/billing/claim-due-subscriptions.ts): a processed row
// that is no longer due is handed back whole at once, so the end of the run does not write it a
// second time; one that is still due stays out of this run's reach until the run ends. A
// period's settle (paid, or declined and retried later) clears the lease in its own UPDATE, so a
// renewal writes its row twice in all.
import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  claimDueSubscriptions,
  finishLeases,
  releaseLeases,
} from "@/lib/billing/claim-due-subscriptions";
import { db } from "@/lib/db/client";
import { runBilling } from "@/lib/jobs/run-billing";
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

it("a billing run writes a renewed or declined subscription twice: the claim, then the settle that hands its lease back", async () => {
  const plan = await createPlan({ amount: 9_900 });
  const periodStart = new Date("2027-08-01T01:00:00Z");
  const periodEnd = new Date("2027-09-01T01:00:00Z");
  const now = new Date("2027-09-01T02:00:00Z");
  const renewing = await Promise.all(
    [1, 2, 3].map(() =>
      createSubscriber({ sandboxUrl: harness.sandboxUrl, plan, periodStart, periodEnd }),
    ),
  );
  const declining = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart,
    periodEnd,
    instrument: harness.instrument("insufficient"),
  });
  const renewed = renewing.map((s) => s.subscription.id);
  const declined = declining.subscription.id;
  // Their earlier period was paid in the sandbox's test mode too, as these charges will be
  // (otherwise the paid_in_test_mode trigger writes each row once more when the mode changes).
  await db()
    .update(subscriptions)
    .set({ paidInTestMode: true })
    .where(inArray(subscriptions.id, [...renewed, declined]));

  // Every write of a subscription row during the run, as PostgreSQL applied it.
  await db().execute(sql`create table subscription_writes (n serial, id uuid, locked_by text)`);
  await db().execute(sql`
    create function log_subscription_write() returns trigger language plpgsql as $$
    begin
      insert into subscription_writes (id, locked_by) values (new.id, new.locked_by);
      return new;
    end $$`);
  await db().execute(sql`
    create trigger log_subscription_write after update on subscriptions
    for each row execute function log_subscription_write()`);
  try {
    const summary = await runBilling({
      now,
      providerFor: harness.providerFor,
      sweepRegistrations: false,
    });
    expect(summary).toMatchObject({ claimed: 4, succeeded: 3, declined: 1 });

    const writes = await db().execute<{ id: string; locked_by: string | null }>(
      sql`select id, locked_by from subscription_writes order by n`,
    );
    // The claim stamps the run's id; the settle (paid, or declined and retried later) hands the
    // row back in the same write that moves it.
    const leaseCleared = (id: string) =>
      writes.filter((w) => w.id === id).map((w) => w.locked_by === null);
    for (const id of renewed) {
      expect(leaseCleared(id)).toEqual([false, true]);
      expect(await subscriptionRow(id)).toMatchObject({
        periodNumber: 2,
        nextChargeAt: new Date("2027-10-01T01:00:00Z"),
        lockedBy: null,
        lockedUntil: null,
      });
    }
    expect(leaseCleared(declined)).toEqual([false, true]);
    const retried = await subscriptionRow(declined);
    expect(retried).toMatchObject({ status: "past_due", lockedBy: null, lockedUntil: null });
    expect(retried.nextChargeAt!.getTime()).toBeGreaterThan(now.getTime());
  } finally {
    await db().execute(sql`drop trigger log_subscription_write on subscriptions`);
    await db().execute(sql`drop function log_subscription_write()`);
    await db().execute(sql`drop table subscription_writes`);
  }
});
