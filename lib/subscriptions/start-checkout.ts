import { and, eq, ne } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { insertOne } from "@/lib/db/insert-one";
import { plans, subscriptionEvents, subscriptions, type PaymentMethod } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { getEnv, type Env } from "@/lib/env";
import { formatPlanPrice } from "@/lib/format";
import { requireBusinessDetailsForCheckout } from "@/lib/merchant/require-business-details";
import { paymentMode } from "@/lib/payments/mode";
import type { ProviderFor } from "@/lib/payments/provider-for";
import type { ProviderName, RegistrationMethod } from "@/lib/payments/types";
import { requireEnabledProvider } from "@/lib/payment-methods/require-enabled-provider";
import { checkoutConsent } from "./checkout-consent";

/**
 * The customer chose a plan (and a provider, when the merchant enabled several) and pressed
 * the register button: record an `incomplete`
 * subscription for it (or point their existing incomplete one at this plan) and start linking
 * a payment method. Nothing is charged until the provider confirms the method.
 *
 * A live store refuses before writing anything while its 전자상거래법 business details are
 * incomplete (lib/merchant/require-business-details.ts).
 */
export async function startCheckout(input: {
  userId: string;
  planSlug: string;
  provider: ProviderName;
  // The kind picked where the provider registers several (Toss Payments card or 퀵계좌이체).
  method?: RegistrationMethod | undefined;
  // The recurring-payment agreement the customer ticked, as the page showed it. Built again
  // here from the same facts; different words (a price changed, midnight passed, a trial was
  // used meanwhile) refuse the form so the customer reads the new ones. Scripts and tests that
  // show nothing leave it out and the consent stores the words built here.
  consentText?: string | undefined;
  now?: Date;
  env?: Env;
  providerFor?: ProviderFor;
}): Promise<{ subscriptionId: string; method: PaymentMethod }> {
  const now = input.now ?? new Date();
  const [plan] = await db().select().from(plans).where(eq(plans.slug, input.planSlug));
  if (!plan || plan.status !== "active") {
    throw new AppError("not_found", `plan ${input.planSlug} is not on sale`, {
      userMessage: "지금은 판매하지 않는 요금제예요. 요금제 페이지에서 다시 골라 주세요.",
    });
  }
  // Before the subscription is written: a provider the merchant has not enabled creates nothing.
  await requireEnabledProvider(input.provider);
  const consent = await checkoutConsent(db(), {
    userId: input.userId,
    plan,
    provider: input.provider,
    method: input.method,
    now,
  });
  if (input.consentText !== undefined && input.consentText !== consent.text) {
    throw new AppError("conflict", "the checkout's consent wording changed since it was shown", {
      userMessage: "결제 내용이 바뀌었어요. 바뀐 내용을 확인하고 다시 동의해 주세요.",
    });
  }
  try {
    requireBusinessDetailsForCheckout(
      await loadMerchantSettings(db()),
      paymentMode(input.env ?? getEnv()),
    );
  } catch (error) {
    // The merchant's to-do, in the server log with every missing field named; the customer
    // only reads the calm userMessage.
    if (error instanceof AppError) console.error(`[checkout] ${error.message}`);
    throw error;
  }

  const subscriptionId = await db().transaction(async (tx) => {
    const settings = await loadMerchantSettings(tx);
    const expiresAt = new Date(now.getTime() + settings.incompleteExpiryHours * 3_600_000);
    const [live] = await tx
      .select()
      .from(subscriptions)
      .where(and(eq(subscriptions.userId, input.userId), ne(subscriptions.status, "canceled")))
      .for("update");
    if (live && live.status !== "incomplete") {
      throw new AppError("conflict", `user already has a ${live.status} subscription`, {
        userMessage: "이미 이용 중인 구독이 있어요. 내 구독에서 요금제와 결제수단을 확인해 주세요.",
      });
    }
    if (live) {
      await tx
        .update(subscriptions)
        .set({
          planId: plan.id,
          priceAmount: plan.amount,
          priceAmountTaxFree: plan.amountTaxFree,
          incompleteExpiresAt: expiresAt,
          updatedAt: now,
        })
        .where(eq(subscriptions.id, live.id));
      return live.id;
    }
    const created = await insertOne(tx, subscriptions, {
      userId: input.userId,
      planId: plan.id,
      status: "incomplete",
      priceAmount: plan.amount,
      priceAmountTaxFree: plan.amountTaxFree,
      incompleteExpiresAt: expiresAt,
      createdAt: now,
      updatedAt: now,
    });
    await tx.insert(subscriptionEvents).values({
      subscriptionId: created.id,
      type: "created",
      toStatus: "incomplete",
      actor: `customer:${input.userId}`,
      data: { planId: plan.id, amount: plan.amount },
      createdAt: now,
    });
    return created.id;
  });

  const method = await startRegistration({
    userId: input.userId,
    provider: input.provider,
    method: input.method,
    providerFor: input.providerFor,
    subscriptionId,
    amount: plan.amount,
    consentText: consent.text,
    consentEffectiveAt: consent.firstChargeAt,
    // Shown in the Toss app's approval screen: what is bought and for how much.
    productDescription: `${plan.name} ${formatPlanPrice(plan)} 자동결제`,
    now,
  });
  return { subscriptionId, method };
}
