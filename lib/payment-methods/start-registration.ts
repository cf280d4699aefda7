import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { consents, paymentMethods, users, type PaymentMethod } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { providerSlug } from "@/lib/payments/provider-names";
import type { ProviderName, RegistrationMethod } from "@/lib/payments/types";
import { encryptedKeyColumns } from "./encrypted-key-columns";
import { signRegistrationState } from "./registration-state";
import { requireEnabledProvider } from "./require-enabled-provider";
import { throttleRegistrationStarts } from "./throttle-registration-starts";

// The wording the customer agrees to when changing the method of a running subscription (the
// amount and the days do not change, only the method; an overdue period is charged at once,
// docs/billing.md "Dunning"); stored with the consent record as
// evidence of the recurring-billing agreement. A checkout states the amount, the days and the
// method instead (lib/billing/recurring-consent-wording.ts) and passes its own wording.
export const RECURRING_BILLING_CONSENT_TEXT =
  "지금 구독 중인 요금제 금액이 결제일마다 새로 등록하는 결제수단으로 자동결제돼요. 밀린 결제가 있으면 등록하자마자 결제돼요. 내 구독에서 언제든 해지할 수 있어요.";

/**
 * Unless the provider names its own (PaymentProvider.customerIdFor: Toss Payments keeps one
 * customerKey per customer, docs/providers.md §2.8), each registration gets its own
 * provider-side customer id: the customer's opaque id plus a
 * suffix from the new row's id. Toss Pay identifies a key by (userId, displayId) and refuses
 * to register the same method twice under one userId (docs/providers.md §1.3), so re-linking the
 * same card after a removal, or linking a new card while the old key is still active, would
 * otherwise fail. Opaque either way: never an email or phone number.
 * Format: cus_<32 hex>_<12 hex> = 49 chars, within Toss Pay's 50 and its charset.
 */
export function registrationCustomerId(customerId: string, methodId: string): string {
  return `${customerId}_${methodId.replaceAll("-", "").slice(0, 12)}`;
}

/**
 * Where the provider sends its callback and the customer's browser. Every provider returns to
 * app/api/payments/[provider]/return with a state signed for this customer and row, so a
 * return can only complete a registration this customer started.
 */
export function registrationUrls(input: {
  methodId: string;
  userId: string;
  provider: ProviderName;
}) {
  const base = `${getEnv().APP_URL.replace(/\/+$/, "")}/api/payments/${providerSlug(input.provider)}`;
  const state = encodeURIComponent(signRegistrationState(input.methodId, input.userId));
  return {
    callbackUrl: `${base}/callback`,
    successUrl: `${base}/return?state=${state}&result=success`,
    failureUrl: `${base}/return?state=${state}&result=failure`,
  };
}

/**
 * Starts linking a method with `provider`: records the customer's consent and a pending payment
 * method. Toss Pay creates the key now (stored encrypted; the customer approves in the app and
 * the callback, the return page or the sweeper confirm it, sync-registration.ts). A browser-SDK
 * provider only gives the page what opens its window; the key arrives with the browser's
 * return (complete-browser-registration.ts). Refused before anything is created when the
 * merchant has not enabled the provider.
 */
export async function startRegistration(input: {
  userId: string;
  provider: ProviderName;
  // The kind the customer picked where the provider offers several (Toss Payments card or
  // 퀵계좌이체); one the provider does not list is refused by the provider.
  method?: RegistrationMethod | undefined;
  productDescription: string;
  subscriptionId?: string | undefined;
  // KRW per period the customer agrees to be charged (recorded with the consent).
  amount: number;
  // The exact words the customer ticked, stored as the consent's evidence; the method-change
  // wording when not given. When the first charge under it happens, if known.
  consentText?: string | undefined;
  consentEffectiveAt?: Date | undefined;
  now?: Date;
  providerFor?: ProviderFor;
}): Promise<PaymentMethod> {
  const now = input.now ?? new Date();
  const providerName = input.provider;
  await requireEnabledProvider(providerName);
  // Before the provider is asked, so a refused start creates nothing there or here.
  await throttleRegistrationStarts(input.userId, now);
  const [user] = await db().select().from(users).where(eq(users.id, input.userId));
  if (!user) throw new AppError("not_found", `user ${input.userId} not found`);

  const methodId = randomUUID();
  const provider = (input.providerFor ?? defaultProviderFor)(providerName);
  const providerCustomerId =
    provider.customerIdFor?.(user.providerCustomerId, methodId) ??
    registrationCustomerId(user.providerCustomerId, methodId);
  const urls = registrationUrls({ methodId, userId: user.id, provider: providerName });
  const started = await provider.startRegistration({
    providerCustomerId,
    method: input.method,
    productDescription: input.productDescription,
    ...urls,
  });
  if (started.outcome !== "succeeded") {
    throw new AppError("provider_error", `startRegistration failed: ${started.merchantMessage}`, {
      userMessage: started.customerMessage,
      details: { code: started.code },
    });
  }
  const { step } = started;
  const stored =
    step.kind === "app_links"
      ? { ...encryptedKeyColumns(step.billingKey, methodId), checkoutLinks: step.links }
      : {
          // No key yet: it comes back with the browser and is stored with the activation
          // (complete-registration-return.ts), exactly like this.
          checkoutLinks: {
            kind: "browser" as const,
            launch: step.launch,
            successUrl: urls.successUrl,
            failureUrl: urls.failureUrl,
          },
        };

  return db().transaction(async (tx) => {
    const [method] = await tx
      .insert(paymentMethods)
      .values({
        id: methodId,
        userId: user.id,
        provider: providerName,
        providerCustomerId,
        ...stored,
        status: "pending",
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
      effectiveAt: input.consentEffectiveAt,
      wording: input.consentText ?? RECURRING_BILLING_CONSENT_TEXT,
      requestedAt: now,
      respondedAt: now,
      responseChannel: "web",
    });
    return method;
  });
}
