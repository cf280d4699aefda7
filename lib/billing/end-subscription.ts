import type { Executor } from "@/lib/db/client";
import type { Subscription } from "@/lib/db/schema";
import { applyTransition } from "./apply-transition";
import { noticeKey, notifyCustomer, type EndReason } from "./notify-customer";

/**
 * Ends a live subscription (→ canceled) for one of the engine's reasons and tells the customer,
 * in the caller's transaction with the row locked. A subscription ends once, so its id is the
 * notice's dedupe key.
 */
export async function endSubscription(
  tx: Executor,
  sub: Subscription,
  input: {
    planName: string;
    reason: EndReason;
    now: Date;
    // Recorded with the transition: why, in the engine's terms (the consent and its answer).
    details?: Record<string, unknown>;
  },
): Promise<Subscription> {
  const ended = await applyTransition(
    tx,
    sub,
    { type: "ended", now: input.now, reason: input.reason },
    "system",
    input.details,
  );
  await notifyCustomer(tx, {
    kind: "subscription_ended",
    userId: sub.userId,
    subscriptionId: sub.id,
    dedupeKey: noticeKey("subscription_ended", sub.id),
    now: input.now,
    data: { planName: input.planName, reason: input.reason, endedAt: input.now },
  });
  return ended;
}

/** Why a subscription scheduled to cancel at period end was canceled, as the customer reads it. */
export function scheduledCancelReason(sub: Subscription): EndReason {
  return sub.cancellationReason?.startsWith("admin") ? "admin_canceled" : "customer_canceled";
}
