import { and, eq, isNull } from "drizzle-orm";
import {
  chargeOutstandingPeriod,
  type ChargeRunOutcome,
} from "@/lib/billing/charge-outstanding-period";
import { db } from "@/lib/db/client";
import { consents, paidStartOffers, subscriptionEvents } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { findPaidStartOffer } from "@/lib/payment-methods/paid-start-offer";
import type { ProviderFor } from "@/lib/payments/provider-for";

/**
 * 유료로 시작하기: the customer saw that their instrument already had its free trial, read what
 * will be charged today and on which days after, ticked the agreement and pressed the button.
 * Records that agreement (its exact words) and the confirmation in one transaction, then charges
 * the first period through the one charge path. The form's words must be the ones built now
 * (findPaidStartOffer): a day that turned over since the page was drawn asks again.
 */
export async function confirmPaidStart(input: {
  userId: string;
  consentText: string;
  ip: string | null;
  now?: Date;
  providerFor?: ProviderFor;
}): Promise<ChargeRunOutcome> {
  const now = input.now ?? new Date();
  const subscriptionId = await db().transaction(async (tx) => {
    const offer = await findPaidStartOffer(tx, input.userId, now);
    if (!offer) {
      throw new AppError("conflict", `user ${input.userId} has no open paid-start offer`, {
        userMessage: "지금은 유료로 시작할 수 있는 구독이 없어요. 화면을 새로고침해 주세요.",
      });
    }
    if (offer.consentText !== input.consentText) {
      throw new AppError("conflict", "the paid-start wording changed since it was shown", {
        userMessage: "결제 내용이 바뀌었어요. 바뀐 내용을 확인하고 다시 동의해 주세요.",
      });
    }
    // Only the first confirmation wins; a double click finds it confirmed and charges nothing
    // twice (the charge path allows one live attempt per period anyway).
    const [confirmed] = await tx
      .update(paidStartOffers)
      .set({ confirmedAt: now })
      .where(
        and(
          eq(paidStartOffers.subscriptionId, offer.subscriptionId),
          isNull(paidStartOffers.confirmedAt),
        ),
      )
      .returning();
    if (!confirmed) return offer.subscriptionId;
    await tx.insert(consents).values({
      userId: input.userId,
      subscriptionId: offer.subscriptionId,
      kind: "recurring_billing",
      status: "accepted",
      newAmount: offer.amount,
      effectiveAt: offer.firstChargeAt,
      wording: offer.consentText,
      requestedAt: now,
      respondedAt: now,
      responseChannel: "web",
      responseIp: input.ip,
    });
    await tx.insert(subscriptionEvents).values({
      subscriptionId: offer.subscriptionId,
      type: "paid_start_confirmed",
      actor: `customer:${input.userId}`,
      data: { amount: offer.amount, paymentMethodId: offer.paymentMethodId },
      createdAt: now,
    });
    return offer.subscriptionId;
  });
  return chargeOutstandingPeriod(subscriptionId, { providerFor: input.providerFor, now });
}
