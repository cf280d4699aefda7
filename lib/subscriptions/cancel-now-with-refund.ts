import { AppError } from "@/lib/errors";
import {
  cancelWithRefund,
  type CancellationRequest,
  type CancellationWithRefund,
} from "./cancel-with-refund";
import {
  decideCancelNowRefund,
  type CancelNowRefusal,
} from "@/lib/refunds/decide-cancel-now-refund";

const REFUSAL_MESSAGE: Record<CancelNowRefusal, string> = {
  disabled: "지금 해지하고 환불받는 방법은 제공하지 않아요. 이용 기간이 끝날 때 해지할 수 있어요.",
  not_active: "결제된 이용 기간이 있는 구독만 환불과 함께 해지할 수 있어요.",
  no_charge: "이번 이용 기간의 결제를 찾을 수 없어요.",
  refund_in_progress: "처리 중인 환불이 있어요. 잠시 뒤 다시 확인해 주세요.",
  nothing_left: "남은 이용 기간이 없어 환불할 금액이 없어요.",
};

/**
 * "지금 해지하고 남은 기간 환불" (when the merchant allows it): ends the subscription now and
 * refunds the whole remaining days of the paid period, rounded down to 10원
 * (prorated-cancel-refund.ts). Safe to call twice, like withdrawSubscription.
 */
export function cancelNowWithRefund(input: CancellationRequest): Promise<CancellationWithRefund> {
  return cancelWithRefund({
    ...input,
    kind: "prorated",
    plan: ({ sub, payments, settings, now }) => {
      const decision = decideCancelNowRefund({ subscription: sub, ...payments, settings, now });
      if (!decision.offered) {
        throw new AppError(
          "conflict",
          `subscription ${sub.id} cannot be canceled with a refund: ${decision.reason}`,
          { userMessage: REFUSAL_MESSAGE[decision.reason] },
        );
      }
      return {
        refunds: [{ chargeAttemptId: decision.chargeAttemptId, amount: decision.amount }],
        details: { remainingDays: decision.remainingDays, daysInPeriod: decision.daysInPeriod },
        remainingDays: decision.remainingDays,
      };
    },
  });
}
