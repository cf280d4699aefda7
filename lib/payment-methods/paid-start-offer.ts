import { and, eq, isNull } from "drizzle-orm";
import { recurringConsentWording } from "@/lib/billing/recurring-consent-wording";
import type { Executor } from "@/lib/db/client";
import { paidStartOffers, paymentMethods, plans, subscriptions } from "@/lib/db/schema";
import { methodPhrase } from "@/lib/payments/method-phrase";

export type PaidStartOffer = {
  subscriptionId: string;
  paymentMethodId: string;
  amount: number; // KRW, charged today once the customer agrees
  // The agreement the "유료로 시작하기" form shows and the consent stores.
  consentText: string;
  firstChargeAt: Date;
};

/**
 * The customer's open paid-start offer (activate-method.ts: the instrument already had its
 * free trial), with the words of the agreement it asks for, as of `now`; null when there is none
 * to answer (confirmed, the subscription moved on or expired, the method was replaced).
 */
export async function findPaidStartOffer(
  executor: Executor,
  userId: string,
  now: Date,
): Promise<PaidStartOffer | null> {
  const [row] = await executor
    .select({ offer: paidStartOffers, sub: subscriptions, plan: plans, method: paymentMethods })
    .from(paidStartOffers)
    .innerJoin(subscriptions, eq(subscriptions.id, paidStartOffers.subscriptionId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(paymentMethods, eq(paymentMethods.id, paidStartOffers.paymentMethodId))
    .where(
      and(
        eq(subscriptions.userId, userId),
        eq(subscriptions.status, "incomplete"),
        eq(subscriptions.paymentMethodId, paidStartOffers.paymentMethodId),
        eq(paymentMethods.status, "active"),
        isNull(paidStartOffers.confirmedAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  const { sub, plan, method } = row;
  const wording = recurringConsentWording({
    // The subscription's own price: what the first charge will take.
    plan: { ...plan, amount: sub.priceAmount, amountTaxFree: sub.priceAmountTaxFree },
    trialDays: 0,
    methodPhrase: methodPhrase(method.provider, method.kind ?? undefined),
    now,
  });
  return {
    subscriptionId: sub.id,
    paymentMethodId: method.id,
    amount: sub.priceAmount,
    consentText: wording.text,
    firstChargeAt: wording.firstChargeAt,
  };
}
