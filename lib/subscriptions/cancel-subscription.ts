import { formatActor, type Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import { applyTransition } from "@/lib/billing/apply-transition";
import { LIVE_STATUSES } from "@/lib/billing/live-statuses";
import type { Subscription } from "@/lib/db/schema";
import { planNameFor } from "@/lib/plans/queries";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import {
  assertStatus,
  subscriptionSnapshot,
  withLockedSubscription,
  type SubscriptionTarget,
} from "./lock-subscription";

export type CancelSubscriptionInput = {
  // The customer canceling their own, or an admin on their behalf.
  actor: Actor;
  // At period end: access until the paid period (or trial) ends, no further charge. Only an
  // active or trialing subscription can wait; anything else ends now (the state machine decides).
  atPeriodEnd: boolean;
  // Why: the transition's cancellation_reason, and the audit entry's.
  reason: string;
  // Recorded with the transition in the subscription's history (the admin's free-text note).
  note?: string | null;
  now?: Date;
};

/**
 * Cancels a subscription, whoever asks: the transition with its actor, the customer's
 * cancellation notice and an audit entry, in one transaction. No refund is made here; refunds
 * are their own admin action.
 */
export async function cancelSubscription(
  target: SubscriptionTarget,
  input: CancelSubscriptionInput,
): Promise<Subscription> {
  const now = input.now ?? new Date();
  return withLockedSubscription(target, async (tx, sub) => {
    assertStatus(sub, LIVE_STATUSES, "cancel", "이미 해지된 구독이에요.");
    const updated = await applyTransition(
      tx,
      sub,
      { type: "cancel_requested", now, atPeriodEnd: input.atPeriodEnd, reason: input.reason },
      formatActor(input.actor),
      input.note === undefined ? {} : { reason: input.note },
    );
    await enqueueNotification(tx, {
      kind: "subscription_canceled",
      data: {
        planName: await planNameFor(tx, sub.planId),
        atPeriodEnd: updated.cancelAtPeriodEnd,
        endsAt: updated.cancelAtPeriodEnd ? updated.currentPeriodEnd : updated.endedAt,
      },
      userId: sub.userId,
      subscriptionId: sub.id,
      dedupeKey: dedupeKeyFor("subscription_canceled", sub.id, now.getTime()),
      now,
    });
    const diff = changedFields(subscriptionSnapshot(sub), subscriptionSnapshot(updated));
    await recordAudit(tx, {
      actor: input.actor,
      action: updated.cancelAtPeriodEnd
        ? "subscription.cancel_at_period_end"
        : "subscription.cancel",
      targetType: "subscription",
      targetId: sub.id,
      before: diff?.before ?? null,
      after: { ...diff?.after, reason: input.note === undefined ? input.reason : input.note },
    });
    return updated;
  });
}
