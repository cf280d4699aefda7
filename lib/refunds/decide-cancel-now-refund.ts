import type { ChargeAttempt, MerchantSettings, Subscription } from "@/lib/db/schema";
import { proratedCancelRefund, type ProratedRefund } from "./prorated-cancel-refund";
import { remainingRefundable } from "./refundable";

// Whether "지금 해지하고 남은 기간 환불" is offered now, and for how much. Pure, shared by the
// offer on /account/cancel and the cancellation itself (under the subscription lock). The
// refund comes out of the charge that paid for the current period; an upgrade difference paid
// inside the period is not part of it (docs/cancellation-and-withdrawal.md).

export type CancelNowRefusal =
  | "disabled" // the merchant does not offer it
  | "not_active" // only a paid, running period has days left to give back
  | "no_charge" // the current period's charge is missing or not succeeded
  | "refund_in_progress"
  | "nothing_left"; // the last day, or already refunded

export type CancelNowDecision =
  | ({ offered: true; chargeAttemptId: string; paid: number } & ProratedRefund)
  | ({ offered: false; reason: CancelNowRefusal } & Partial<ProratedRefund>);

export function decideCancelNowRefund(input: {
  subscription: Pick<
    Subscription,
    "status" | "periodNumber" | "currentPeriodStart" | "currentPeriodEnd"
  >;
  charges: readonly Pick<
    ChargeAttempt,
    "id" | "purpose" | "periodNumber" | "status" | "amount" | "refundedAmount"
  >[];
  chargesWithLiveRefund: ReadonlySet<string>;
  settings: Pick<MerchantSettings, "proratedCancelRefund">;
  now: Date;
}): CancelNowDecision {
  const { subscription: sub, settings, now } = input;
  if (!settings.proratedCancelRefund) return { offered: false, reason: "disabled" };
  if (sub.status !== "active" || !sub.currentPeriodStart || !sub.currentPeriodEnd) {
    return { offered: false, reason: "not_active" };
  }
  const charge = input.charges.find(
    (c) =>
      c.status === "succeeded" && c.purpose === "period" && c.periodNumber === sub.periodNumber,
  );
  if (!charge) return { offered: false, reason: "no_charge" };
  if (input.chargesWithLiveRefund.has(charge.id)) {
    return { offered: false, reason: "refund_in_progress" };
  }
  const refund = proratedCancelRefund({
    periodStart: sub.currentPeriodStart,
    periodEnd: sub.currentPeriodEnd,
    paid: charge.amount,
    refundable: remainingRefundable(charge),
    now,
  });
  if (refund.amount === 0) return { offered: false, reason: "nothing_left", ...refund };
  return { offered: true, chargeAttemptId: charge.id, paid: charge.amount, ...refund };
}
