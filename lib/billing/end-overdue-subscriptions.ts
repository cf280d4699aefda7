import { and, eq, inArray, lte, notExists, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, plans, subscriptions } from "@/lib/db/schema";
import { endSubscription } from "./end-subscription";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";

// Two policies of docs/billing.md the run applies on every pass:
//   - an `incomplete` subscription whose first charge has not succeeded by incomplete_expires_at
//     (23 h) is canceled (reason incomplete_expired);
//   - an `unpaid` subscription is canceled after merchant_settings.unpaid_cancel_after_days.
// Neither touches a subscription with a live charge attempt: its outcome is not known yet, and a
// success must find the subscription alive (reconciliation runs first and usually settles it).
// Rows are locked with SKIP LOCKED, so concurrent runs split the work instead of waiting.

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

/** Ends, batch by batch, the `status` subscriptions past their deadline with no live attempt. */
async function endInBatches(
  status: "incomplete" | "unpaid",
  pastDeadline: SQL,
  reason: "incomplete_expired" | "unpaid",
  input: { now: Date; shouldStop?: () => boolean },
): Promise<number> {
  const { now } = input;
  const shouldStop = input.shouldStop ?? (() => false);
  const where = and(eq(subscriptions.status, status), pastDeadline, noLiveAttempt());
  let total = 0;
  while (!shouldStop()) {
    const ended = await db().transaction(async (tx) => {
      const rows = await tx
        .select({ sub: subscriptions, planName: plans.name })
        .from(subscriptions)
        .innerJoin(plans, eq(plans.id, subscriptions.planId))
        .where(where)
        .limit(BATCH)
        .for("update", { of: subscriptions, skipLocked: true });
      for (const { sub, planName } of rows) {
        await endSubscription(tx, sub, { planName, reason, now });
      }
      return rows.length;
    });
    total += ended;
    if (ended < BATCH) break;
  }
  return total;
}

export async function expireIncompleteSubscriptions(input: {
  now: Date;
  shouldStop?: () => boolean;
}): Promise<number> {
  return endInBatches(
    "incomplete",
    lte(subscriptions.incompleteExpiresAt, input.now),
    "incomplete_expired",
    input,
  );
}

export async function cancelLongUnpaidSubscriptions(input: {
  now: Date;
  shouldStop?: () => boolean;
}): Promise<number> {
  const { now } = input;
  const settings = await loadMerchantSettings(db());
  const cutoff = new Date(now.getTime() - settings.unpaidCancelAfterDays * DAY_MS);
  return endInBatches("unpaid", lte(subscriptions.unpaidSince, cutoff), "unpaid", input);
}
