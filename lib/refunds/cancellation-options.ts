import { db, type Executor } from "@/lib/db/client";
import type { Subscription } from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { decideCancelNowRefund, type CancelNowDecision } from "./decide-cancel-now-refund";
import { decideWithdrawal, type WithdrawalDecision } from "./decide-withdrawal";
import { loadSubscriptionPayments } from "./load-subscription-payments";

export type WithdrawalOffer = WithdrawalDecision;

type OfferSubscription = Pick<
  Subscription,
  "id" | "status" | "serviceUsedAt" | "periodNumber" | "currentPeriodStart" | "currentPeriodEnd"
>;

/**
 * Whether the subscription can be withdrawn (청약철회) now and for how much: what /account/cancel
 * and 회원탈퇴 show before the customer confirms. withdrawSubscription decides the same way again
 * under the locks.
 */
export async function withdrawalOffer(
  subscription: OfferSubscription,
  options: { now?: Date; executor?: Executor } = {},
): Promise<WithdrawalOffer> {
  return (await cancellationOptions(subscription, options)).withdrawal;
}

export type CancellationOptions = {
  withdrawal: WithdrawalDecision;
  cancelNow: CancelNowDecision;
};

/** Every way the subscription can end with money back, as decided right now. */
export async function cancellationOptions(
  subscription: OfferSubscription,
  options: { now?: Date; executor?: Executor } = {},
): Promise<CancellationOptions> {
  const executor = options.executor ?? db();
  const now = options.now ?? new Date();
  const [settings, payments] = await Promise.all([
    loadMerchantSettings(executor),
    loadSubscriptionPayments(executor, subscription.id),
  ]);
  return {
    withdrawal: decideWithdrawal({ subscription, ...payments, settings, now }),
    cancelNow: decideCancelNowRefund({ subscription, ...payments, settings, now }),
  };
}
