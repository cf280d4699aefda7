import type { Subscription } from "@/lib/db/schema";
import { applyTransition } from "@/lib/billing/apply-transition";
import { AppError } from "@/lib/errors";
import { actorString, asActor, type AdminActor } from "./admin-actor";
import {
  auditSubscriptionChange,
  withLockedSubscription,
} from "@/lib/subscriptions/lock-subscription";

/** Withdraws a scheduled cancellation (cancel_at_period_end) before the period ends. */
export async function resumeSubscription(
  admin: AdminActor,
  subscriptionId: string,
  options: { now?: Date } = {},
): Promise<Subscription> {
  const now = options.now ?? new Date();
  return withLockedSubscription(subscriptionId, async (tx, sub) => {
    if (!sub.cancelAtPeriodEnd) {
      throw new AppError("conflict", `subscription ${sub.id} is not scheduled to cancel`, {
        userMessage: "해지가 예약된 구독이 아니에요.",
      });
    }
    const updated = await applyTransition(tx, sub, { type: "resumed", now }, actorString(admin));
    await auditSubscriptionChange(tx, asActor(admin), {
      action: "subscription.resume",
      before: sub,
      after: updated,
    });
    return updated;
  });
}
