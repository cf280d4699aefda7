import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { consents, paymentMethods, users, type PaymentMethod } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { getPaymentProvider } from "@/lib/payments/registry";
import type { ProviderName } from "@/lib/payments/types";
import { throttleRegistrationStarts } from "./throttle-registration-starts";

// The wording the customer agrees to when linking a method; stored with the consent record as
// evidence of the recurring-billing agreement.
export const RECURRING_BILLING_CONSENT_TEXT =
  "선택한 요금제 금액이 결제 주기마다 등록한 결제수단으로 자동 결제되는 것에 동의합니다. 구독은 내 구독 페이지에서 언제든 해지할 수 있습니다.";

/**
 * Each registration gets its own provider-side customer id: the customer's opaque id plus a
 * suffix from the new row's id. Toss Pay identifies a key by (userId, displayId) and refuses
 * to register the same method twice under one userId (providers.md §1.3), so re-linking the
 * same card after a removal, or linking a new card while the old key is still active, would
 * otherwise fail. Opaque either way: never an email or phone number.
 * Format: cus_<32 hex>_<12 hex> = 49 chars, within Toss Pay's 50 and its charset.
 */
export function registrationCustomerId(customerId: string, methodId: string): string {
  return `${customerId}_${methodId.replaceAll("-", "").slice(0, 12)}`;
}

export function registrationUrls(methodId: string, provider: ProviderName) {
  const base = getEnv().APP_URL.replace(/\/+$/, "");
  return {
    callbackUrl: `${base}/api/payments/${provider.replace("_", "-")}/callback`,
    successUrl: `${base}/payment-methods/${methodId}/return?result=success`,
    failureUrl: `${base}/payment-methods/${methodId}/return?result=failure`,
  };
}

/**
 * Asks the provider for a new billing key for the customer and records it, encrypted, as a
 * pending payment method. The customer then approves in the provider's app; the callback,
 * the return page or the sweeper confirm it (sync-registration.ts).
 */
export async function startRegistration(input: {
  userId: string;
  productDescription: string;
  subscriptionId?: string | undefined;
  // KRW per period the customer agrees to be charged (recorded with the consent).
  amount: number;
  provider?: ProviderName;
  now?: Date;
}): Promise<PaymentMethod> {
  const now = input.now ?? new Date();
  // First, so a refused start creates nothing at the provider or here.
  await throttleRegistrationStarts(input.userId, now);
  const providerName = input.provider ?? "toss_pay";
  const [user] = await db().select().from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError("not_found", `user ${input.userId} not found`);

  const methodId = randomUUID();
  const providerCustomerId = registrationCustomerId(user.providerCustomerId, methodId);
  const provider = getPaymentProvider(providerName);
  const started = await provider.startRegistration({
    providerCustomerId,
    productDescription: input.productDescription,
    ...registrationUrls(methodId, providerName),
  });
  if (started.outcome !== "succeeded") {
    throw new AppError("provider_error", `startRegistration failed: ${started.merchantMessage}`, {
      userMessage: started.customerMessage,
      details: { code: started.code },
    });
  }
  const { step } = started;
  if (step.kind !== "app_links") {
    // Browser-SDK providers (Toss Payments, PortOne) register in the browser first.
    throw new AppError("config_error", `${providerName} registers through its browser SDK`);
  }

  const { ciphertext, keyVersion } = encryptBillingKey(step.billingKey, methodId);
  return db().transaction(async (tx) => {
    const [method] = await tx
      .insert(paymentMethods)
      .values({
        id: methodId,
        userId: user.id,
        provider: providerName,
        providerCustomerId,
        billingKeyCiphertext: ciphertext,
        billingKeyFingerprint: fingerprintBillingKey(step.billingKey),
        keyVersion,
        status: "pending",
        checkoutLinks: step.links,
        registrationExpiresAt: step.expiresAt,
        // Registered with the sandbox or a test key: no charge through it will ever move money.
        testMode: provider.mode !== "live",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!method) throw new Error("payment method insert returned nothing");
    await tx.insert(consents).values({
      userId: user.id,
      subscriptionId: input.subscriptionId,
      kind: "recurring_billing",
      status: "accepted",
      newAmount: input.amount,
      wording: RECURRING_BILLING_CONSENT_TEXT,
      requestedAt: now,
      respondedAt: now,
      responseChannel: "web",
    });
    return method;
  });
}
