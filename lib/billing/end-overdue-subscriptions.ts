import { and, eq, inArray, lte, notExists, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { chargeAttempts, plans, subscriptions } from "@/lib/db/schema";
import { endSubscription } from "./end-subscription";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";

// Two policies of docs/billing.md "Subscription states" the run applies on every pass:
//   - an `incomplete` subscription whose first charge has not succeeded by incomplete_expires_at
//     (23 h) is canceled (reason incomplete_expired);
//   - an `unpaid` subscription is canceled after merchant_settings.unpaid_cancel_after_days.
// Neither touches a subscription with a live charge attempt: its outcome is not known yet, and a
// success must find the subscription alive (reconciliation runs first and usually settles it).
// Rows are locked with SKIP LOCKED, so concurrent runs split the work instead of waiting.
//
// The "no live attempt" filter of the locking query is only a first cut: that query reads
// charge_attempts under the snapshot it started with, so a charge reserved and committed between
// its start and the moment it locks the row (a re-linked method charging an unpaid period at
// once, charge-outstanding-period.ts) is not seen, and the subscription would end while money is
// moving for it (the success then lands on a canceled subscription). So the live attempts are
// read again after the lock, by a statement of their own: any reservation has either committed
// before it (and is seen) or waits for our lock (and then finds the subscription ended).

const BATCH = 100;
const DAY_MS = 24 * 60 * 60 * 1000;

const noLiveAttempt = () =>
  notExists(
    db()
      .select({ one: sql`1` })
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, subscriptions.id),
          inArray(chargeAttempts.status, ["pending", "unknown"]),
        ),
      ),
  );

/**
 * Test seam: runs in the transaction after the rows are locked, before their live attempts are
 * read again (a test records there the attempt the locking query's snapshot could not see).
 */
export type AfterLock = (tx: Executor, subscriptionIds: string[]) => Promise<void>;

type EndInput = { now: Date; shouldStop?: () => boolean; afterLock?: AfterLock };

/** Ends, batch by batch, the `status` subscriptions past their deadline with no live attempt. */
async function endInBatches(
  status: "incomplete" | "unpaid",
  pastDeadline: SQL,
  reason: "incomplete_expired" | "unpaid",
  input: EndInput,
): Promise<number> {
  const { now, afterLock } = input;
  const shouldStop = input.shouldStop ?? (() => false);
  const where = and(eq(subscriptions.status, status), pastDeadline, noLiveAttempt());
  let total = 0;
  while (!shouldStop()) {
    const { locked, ended } = await db().transaction(async (tx) => {
      const rows = await tx
        .select({ sub: subscriptions, planName: plans.name })
        .from(subscriptions)
        .innerJoin(plans, eq(plans.id, subscriptions.planId))
        .where(where)
        .limit(BATCH)
        .for("update", { of: subscriptions, skipLocked: true });
      if (rows.length === 0) return { locked: 0, ended: 0 };
      const ids = rows.map((r) => r.sub.id);
      await afterLock?.(tx, ids);
      const charging = new Set(
        (
          await tx
            .selectDistinct({ id: chargeAttempts.subscriptionId })
            .from(chargeAttempts)
            .where(
              and(
                inArray(chargeAttempts.subscriptionId, ids),
                inArray(chargeAttempts.status, ["pending", "unknown"]),
              ),
            )
        ).map((r) => r.id),
      );
      const due = rows.filter((r) => !charging.has(r.sub.id));
      for (const { sub, planName } of due) {
        await endSubscription(tx, sub, { planName, reason, now });
      }
      return { locked: rows.length, ended: due.length };
    });
    total += ended;
    if (locked < BATCH) break;
  }
  return total;
}

export async function expireIncompleteSubscriptions(input: EndInput): Promise<number> {
  return endInBatches(
    "incomplete",
    lte(subscriptions.incompleteExpiresAt, input.now),
    "incomplete_expired",
    input,
  );
}

export async function cancelLongUnpaidSubscriptions(input: EndInput): Promise<number> {
  const settings = await loadMerchantSettings(db());
  const cutoff = new Date(input.now.getTime() - settings.unpaidCancelAfterDays * DAY_MS);
  return endInBatches("unpaid", lte(subscriptions.unpaidSince, cutoff), "unpaid", input);
}
