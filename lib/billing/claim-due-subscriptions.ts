import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { subscriptions, type Subscription } from "@/lib/db/schema";
import { isDueAt } from "./live-statuses";

// The billing run's lease (docs/billing.md "Charging" step 1). One statement finds due rows with
// FOR UPDATE SKIP LOCKED and stamps them with the run's id and an expiry, so concurrent runs
// never pick the same row, and a crashed run's claim lapses at locked_until.
//
// A released row that is still due keeps locked_by (only locked_until is cleared): other runs
// may claim it again at once, but the run that released it will not, so a subscription whose
// charge is awaiting a lookup is not picked up again by the same run. finishLeases() clears
// locked_by at the end of the run. A released row that is no longer due is cleared at once.
// The common case never reaches the release at all: a period's settle (paid, or declined and
// retried later) clears the lease in the same UPDATE that moves the subscription
// (leaseClearedOnceNotDue), so the release finds nothing of the run's left and writes nothing.

export async function claimDueSubscriptions(input: {
  runId: string;
  now: Date;
  leaseUntil: Date;
  limit: number;
}): Promise<string[]> {
  const { runId, limit } = input;
  // Raw SQL with prepare: false cannot bind a Date (postgres.js), so timestamps go as ISO text.
  const now = input.now.toISOString();
  const leaseUntil = input.leaseUntil.toISOString();
  // The predicate matches the partial index subscriptions_due_idx.
  const rows = await db().execute<{ id: string }>(sql`
    update ${subscriptions}
    set locked_by = ${runId}, locked_until = ${leaseUntil}::timestamptz
    where id in (
      select id from ${subscriptions}
      where status in ('trialing', 'active', 'past_due')
        and next_charge_at is not null
        and next_charge_at <= ${now}::timestamptz
        and (locked_until is null or locked_until < ${now}::timestamptz)
        and locked_by is distinct from ${runId}
      order by next_charge_at
      limit ${limit}
      for update skip locked
    )
    returning id`);
  return rows.map((r) => r.id);
}

/**
 * The lease columns to write with a subscription's new state (`after`), where that state is no
 * longer due at the run's `now`: a row that is not due cannot be claimed by any run, so it needs
 * no lease, and clearing it in the settle's own UPDATE saves releaseLeases (or finishLeases) a
 * second write of the row. Whose lease it is does not matter, for the same reason. A row that is
 * still due keeps its lease, for releaseLeases to hand back as above. Used by the settles of a
 * period's charge, paid (settle-paid-periods.ts, settle-period-attempt.ts) or declined
 * (settle-period-attempt.ts): the billing run's, and an admin's retry or a customer's new card
 * outside any run. Those settle at the wall clock, never earlier than a live run's `now`, so a
 * row they find not due is not due for the lease holder either.
 */
function leaseClearedOnceNotDue(
  after: Pick<Subscription, "status" | "nextChargeAt">,
  now: Date,
): Pick<Subscription, "lockedBy" | "lockedUntil"> | Record<string, never> {
  return isDueAt(after, now) ? {} : { lockedBy: null, lockedUntil: null };
}

/** `change` (a transition of `sub`) with the lease columns leaseClearedOnceNotDue adds. */
export function handingBackLease<Change extends { patch: Partial<Subscription> }>(
  sub: Subscription,
  change: Change,
  now: Date,
): Change {
  const after = { ...sub, ...change.patch };
  return { ...change, patch: { ...change.patch, ...leaseClearedOnceNotDue(after, now) } };
}

/**
 * Gives processed rows back to other runs. A row that is no longer due (charged into a later
 * period, ended) also loses the run's id at once: this run cannot claim it again anyway (its
 * `now` is fixed, and next_charge_at is past it or gone), and clearing it here spares
 * finishLeases a second write of the same row. A row that is still due (its charge awaits a
 * lookup) keeps locked_by until finishLeases, so this run does not pick it up again.
 */
export async function releaseLeases(runId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  const stillDue = sql`${subscriptions.status} in ('trialing', 'active', 'past_due')
    and ${subscriptions.nextChargeAt} <= ${now.toISOString()}::timestamptz`;
  await db()
    .update(subscriptions)
    .set({
      lockedUntil: null,
      lockedBy: sql`case when ${stillDue} then ${subscriptions.lockedBy} end`,
    })
    .where(and(inArray(subscriptions.id, ids), eq(subscriptions.lockedBy, runId)));
}

/**
 * End of run: clears every trace of the run's leases on the rows it claimed. Only the rows that
 * still carry the run's id are written: those released while still due, and those the run
 * claimed but did not get to.
 */
export async function finishLeases(runId: string, ids: string[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) {
    await db()
      .update(subscriptions)
      .set({ lockedBy: null, lockedUntil: null })
      .where(
        and(inArray(subscriptions.id, ids.slice(i, i + 1000)), eq(subscriptions.lockedBy, runId)),
      );
  }
}
