import { z } from "zod";
import type { Subscription } from "@/lib/db/schema";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import { asActor, type AdminActor } from "./admin-actor";
import { parseAdminInput } from "./parse-admin-input";

export const cancelSubscriptionSchema = z.object({
  // At period end: access until current_period_end, no further charge. Now: ends at once.
  atPeriodEnd: z.preprocess(
    (v) => (v === "true" || v === "on" ? true : v === "false" ? false : v),
    z.boolean({ error: "해지 시점을 선택해 주세요." }),
  ),
  reason: z.string().trim().max(200, "해지 사유는 200자 이하로 입력해 주세요.").default(""),
});

/**
 * The admin form's cancel: parses it and cancels on the customer's behalf (the one cancel
 * operation, lib/subscriptions/cancel-subscription.ts: transition, notice, audit).
 */
export async function cancelSubscriptionFromAdminForm(
  admin: AdminActor,
  subscriptionId: string,
  input: unknown,
  options: { now?: Date } = {},
): Promise<Subscription> {
  const { atPeriodEnd, reason } = parseAdminInput(cancelSubscriptionSchema, input);
  return cancelSubscription(subscriptionId, {
    actor: asActor(admin),
    atPeriodEnd,
    reason: reason || "admin_request",
    note: reason || null,
    now: options.now,
  });
}
