import { AppError } from "@/lib/errors";
import {
  cancelWithRefund,
  type CancellationRequest,
  type CancellationWithRefund,
} from "./cancel-with-refund";
import { decideWithdrawal, WITHDRAWAL_REFUSAL_MESSAGE } from "@/lib/refunds/decide-withdrawal";

/**
 * 청약철회: ends the customer's subscription now and refunds everything paid for it, through
 * the provider, if withdrawalOffer says it may be (decided again under the locks). Safe to
 * call twice: the second call returns the first one's result (`alreadyDone`).
 * Also offered by 회원탈퇴 (account deletion) before it ends live subscriptions.
 */
export function withdrawSubscription(input: CancellationRequest): Promise<CancellationWithRefund> {
  return cancelWithRefund({
    ...input,
    kind: "withdrawal",
    plan: ({ sub, payments, settings, now }) => {
      const decision = decideWithdrawal({ subscription: sub, ...payments, settings, now });
      if (!decision.eligible) {
        throw new AppError(
          "conflict",
          `subscription ${sub.id} cannot be withdrawn: ${decision.reason}`,
          { userMessage: WITHDRAWAL_REFUSAL_MESSAGE[decision.reason] },
        );
      }
      return {
        refunds: decision.refunds,
        details: { withdrawalLastDay: decision.window.lastDay },
      };
    },
  });
}
