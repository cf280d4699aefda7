import { eq } from "drizzle-orm";
import { z } from "zod";
import { applyTransition } from "@/lib/billing/apply-transition";
import { plans, type Subscription } from "@/lib/db/schema";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { actorString, type AdminActor } from "./admin-actor";
import { changedFields } from "./changed-fields";
import { parseAdminInput } from "./parse-admin-input";
import { assertStatus, subscriptionSnapshot, withLockedSubscription } from "./lock-subscription";
import { recordAudit } from "./record-audit";

export const cancelSubscriptionSchema = z.object({
  // At period end: access until current_period_end, no further charge. Now: ends at once.
  atPeriodEnd: z.preprocess(
    (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
    z.boolean({ error: "해지 시점을 선택해 주세요." }),
  ),
  reason: z.string().trim().max(200, "해지 사유는 200자 이하로 입력해 주세요.").default(""),
});

const LIVE = ["incomplete", "trialing", "active", "past_due", "unpaid"] as const;

/**
 * Cancels a subscription for the customer: at the end of the paid period (active or trialing
 * only; anything else ends now, as the state machine decides) or at once. The customer is told
 * by email. No refund is made here; refunds are their own admin action.
 */
export async function cancelSubscription(
  admin: AdminActor,
  subscriptionId: string,
  input: unknown,
  options: { now?: Date } = {},
): Promise<Subscription> {
  const { atPeriodEnd, reason } = parseAdminInput(cancelSubscriptionSchema, input);
  const now = options.now ?? new Date();
  return withLockedSubscription(subscriptionId, async (tx, sub) => {
    assertStatus(sub, LIVE, "cancel", "이미 해지된 구독이에요.");
    const updated = await applyTransition(
      tx,
      sub,
      { type: "cancel_requested", now, atPeriodEnd, reason: reason || "admin_request" },
      actorString(admin),
      { reason: reason || null },
    );
    const [plan] = await tx
      .select({ name: plans.name })
      .from(plans)
      .where(eq(plans.id, sub.planId));
    await enqueueNotification(tx, {
      kind: "subscription_canceled",
      data: {
        planName: plan?.name ?? "구독",
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
      actorUserId: admin.userId,
      action: updated.cancelAtPeriodEnd
        ? "subscription.cancel_at_period_end"
        : "subscription.cancel",
      targetType: "subscription",
      targetId: sub.id,
      before: diff?.before ?? null,
      after: { ...diff?.after, reason: reason || null },
      ip: admin.ip,
    });
    return updated;
  });
}
