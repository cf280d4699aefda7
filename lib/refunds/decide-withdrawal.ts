import type { ChargeAttempt, MerchantSettings, Subscription } from "@/lib/db/schema";
import { remainingRefundable } from "./refundable";
import {
  isWithinWithdrawalWindow,
  withdrawalWindow,
  type WithdrawalWindow,
} from "./withdrawal-window";

// Whether a subscription can be withdrawn (청약철회) now, and what would be refunded. Pure: the
// offer on /account and the withdrawal itself (under the subscription lock) both decide with it,
// so what the customer is shown is what is done.
//
// What a withdrawal refunds: everything still refundable of every succeeded charge of the
// subscription — the first period's charge and any upgrade difference paid inside it. It is
// offered only while the subscription is still in its first paid period: a renewal means the
// customer kept the service past the period they bought (a daily or weekly plan renewing inside
// the window), and from then on cancelling follows the ordinary rules.

export type WithdrawalCharge = Pick<
  ChargeAttempt,
  "id" | "purpose" | "periodNumber" | "amount" | "refundedAmount" | "approvedAt" | "status"
>;

export type WithdrawalRefusal =
  | "not_live" // canceled, incomplete or unpaid: nothing to withdraw from
  | "no_charge" // nothing paid yet (a trial, a first charge still pending)
  | "window_closed"
  | "renewed" // a second period was paid
  | "used" // the merchant recorded use, and allows withdrawal only before it
  | "refund_in_progress" // a refund of one of the charges awaits its answer
  | "already_refunded";

export type WithdrawalDecision =
  | {
      eligible: true;
      amount: number; // KRW, the sum of `refunds`
      refunds: { chargeAttemptId: string; amount: number }[];
      window: WithdrawalWindow;
    }
  | { eligible: false; reason: WithdrawalRefusal; window: WithdrawalWindow | null };

export type WithdrawalInput = {
  subscription: Pick<Subscription, "status" | "serviceUsedAt">;
  // Every charge attempt of the subscription (any status).
  charges: readonly WithdrawalCharge[];
  // Charge ids with a pending or unknown refund.
  chargesWithLiveRefund: ReadonlySet<string>;
  settings: Pick<MerchantSettings, "withdrawalDays" | "withdrawalUsePolicy">;
  now: Date;
};

export function decideWithdrawal(input: WithdrawalInput): WithdrawalDecision {
  const { subscription, settings, now } = input;
  const paid = input.charges.filter((c) => c.status === "succeeded" && c.approvedAt !== null);
  const periods = paid
    .filter((c) => c.purpose === "period")
    .sort((a, b) => a.approvedAt!.getTime() - b.approvedAt!.getTime());
  const first = periods[0];
  const window = first?.approvedAt
    ? withdrawalWindow(first.approvedAt, settings.withdrawalDays)
    : null;
  const refuse = (reason: WithdrawalRefusal): WithdrawalDecision => ({
    eligible: false,
    reason,
    window,
  });

  if (!["active", "past_due", "trialing"].includes(subscription.status)) return refuse("not_live");
  if (!first || !window) return refuse("no_charge");
  if (!isWithinWithdrawalWindow(window, now)) return refuse("window_closed");
  if (periods.length > 1) return refuse("renewed");
  if (settings.withdrawalUsePolicy === "unused_only" && subscription.serviceUsedAt) {
    return refuse("used");
  }
  if (paid.some((c) => input.chargesWithLiveRefund.has(c.id))) return refuse("refund_in_progress");
  const refunds = paid
    .map((c) => ({ chargeAttemptId: c.id, amount: remainingRefundable(c) }))
    .filter((r) => r.amount > 0);
  if (refunds.length === 0) return refuse("already_refunded");
  return {
    eligible: true,
    amount: refunds.reduce((sum, r) => sum + r.amount, 0),
    refunds,
    window,
  };
}

/** Why withdrawal is not offered, as the customer reads it. */
export const WITHDRAWAL_REFUSAL_MESSAGE: Record<WithdrawalRefusal, string> = {
  not_live: "이용 중인 구독이 없어요.",
  no_charge: "아직 결제된 금액이 없어요. 해지하면 결제되지 않아요.",
  window_closed: "청약철회 기간이 지났어요.",
  renewed: "다음 이용 기간이 이미 결제돼 청약철회 기간이 지났어요.",
  used: "서비스를 이용한 기록이 있어 청약철회를 할 수 없어요.",
  refund_in_progress: "처리 중인 환불이 있어요. 잠시 뒤 다시 확인해 주세요.",
  already_refunded: "결제 금액이 이미 모두 환불됐어요.",
};
