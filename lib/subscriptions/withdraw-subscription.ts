import { AppError } from "@/lib/errors";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { cancelWithRefund, type CancellationWithRefund } from "./cancel-with-refund";
import { decideWithdrawal, WITHDRAWAL_REFUSAL_MESSAGE } from "@/lib/refunds/decide-withdrawal";

/**
 * 청약철회: ends the customer's subscription now and refunds everything paid for it, through
 * the provider, if withdrawalOffer says it may be (decided again under the locks). Safe to
 * call twice: the second call returns the first one's result (`alreadyDone`).
 * Also offered by 회원탈퇴 (account deletion) before it ends live subscriptions.
 */
export function withdrawSubscription(input: {
  subscriptionId: string;
  userId: string;
  // The amount shown to the customer when they confirmed.
  expectedAmount?: number;
  now?: Date;
  providerFor?: ProviderFor;
}): Promise<CancellationWithRefund> {
  return cancelWithRefund({
    kind: "withdrawal",
    subscriptionId: input.subscriptionId,
    userId: input.userId,
    expectedAmount: input.expectedAmount,
    now: input.now,
    providerFor: input.providerFor,
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
