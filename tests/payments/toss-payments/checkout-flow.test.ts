// A Toss Payments registration through our own use cases against the sandbox: checkout starts
// a pending method under the customer's one customerKey, the sandbox's window hands the browser
// an authKey, the return exchanges it, the key is stored encrypted with the activation and the
// first charge runs; a second registration (퀵계좌이체 this time) reuses the customerKey and
// replaces the card, whose key is deleted at Toss Payments.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { chargeAttempts, merchantSettings, paymentMethods, subscriptions } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import {
  completeRegistrationReturn,
  registrationReturnSchema,
} from "@/lib/payment-methods/complete-registration-return";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import { tossPaymentsCustomerKey } from "@/lib/payments/toss-payments/provider";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import { refundCharge } from "@/lib/refunds/refund-charge";
import { runBilling } from "@/lib/jobs/run-billing";
import { createAdmin, createCustomer, createPlan } from "../../payment-methods/support/app-harness";
import {
  answerInWindow,
  sandboxMerchant,
  startTossPaymentsSandbox,
  type TossPaymentsSandbox,
} from "./support";

let sandbox: TossPaymentsSandbox;
let merchant: ReturnType<typeof sandboxMerchant>;
const providerFor = () => merchant.provider;

beforeAll(async () => {
  // The window sends the browser back to our own return route.
  sandbox = await startTossPaymentsSandbox(() => [new URL(getEnv().APP_URL).origin]);
  merchant = sandboxMerchant(sandbox.url);
  await getMerchantSettings();
  await db()
    .update(merchantSettings)
    .set({ enabledProviders: ["toss_pay", "toss_payments"] })
    .where(eq(merchantSettings.id, 1));
});
afterAll(() => sandbox.server.close());

async function methodRow(id: string) {
  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, id));
  return row!;
}

/** The browser comes back from the window to the return URL; the route's query as it parses it. */
async function returnFromWindow(
  userId: string,
  method: typeof paymentMethods.$inferSelect,
  answer: Record<string, string>,
) {
  const checkout = method.checkoutLinks;
  if (!checkout || !("kind" in checkout)) throw new Error("not a browser registration");
  const back = await answerInWindow(sandbox.url, checkout.launch, answer);
  expect(back.pathname).toBe("/api/payments/toss-payments/return");
  const query = registrationReturnSchema.parse(Object.fromEntries(back.searchParams));
  return completeRegistrationReturn({
    userId,
    provider: "toss_payments",
    query,
    inline: true,
    providerFor,
  });
}

describe("a Toss Payments checkout", () => {
  it("registers a card, charges the first period, then replaces it with a 퀵계좌이체 account under the same customerKey", async () => {
    const user = await createCustomer(`tp-${Date.now()}@example.com`);
    const plan = await createPlan();
    const { method, subscriptionId } = await startCheckout({
      userId: user.id,
      planSlug: plan.slug,
      provider: "toss_payments",
      providerFor,
    });
    const customerKey = tossPaymentsCustomerKey(user.providerCustomerId);
    expect(method).toMatchObject({
      provider: "toss_payments",
      status: "pending",
      providerCustomerId: customerKey,
      billingKeyCiphertext: null,
      testMode: true,
    });
    expect(customerKey).not.toContain(user.providerCustomerId);

    const card = await returnFromWindow(user.id, method, {
      issuerCode: "61",
      cardNumber: "4330123412341234",
      cardType: "신용",
      ownerType: "개인",
      outcome: "approve",
    });
    expect(card).toMatchObject({ kind: "done" });
    const active = await methodRow(method.id);
    expect(active).toMatchObject({
      status: "active",
      kind: "card",
      cardCompany: "현대",
      cardMethodType: "credit",
      cardNumberMasked: "43301234****123*",
    });
    const billingKey = decryptBillingKey(active.billingKeyCiphertext!, active.id);
    const [attempt] = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, subscriptionId));
    expect(attempt).toMatchObject({
      status: "succeeded",
      provider: "toss_payments",
      amount: 9_900,
    });
    // Toss Payments received who pays, for its receipt (docs/providers.md §2.3.2).
    const [received] = await db().execute<{ customer_email: string; customer_name: string }>(sql`
      select customer_email, customer_name from sandbox_toss_payments.payments
      where order_id = ${attempt!.orderId}`);
    expect(received).toEqual({ customer_email: user.email, customer_name: user.name });
    const [sub] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId));
    expect(sub).toMatchObject({ status: "active", paymentMethodId: method.id });

    // The admin refunds part of it: a cancel with the refund number's key, applied once.
    const admin = await createAdmin();
    const refunded = await refundCharge({
      chargeAttemptId: attempt!.id,
      amount: 3_000,
      reason: "고객 요청",
      actorUserId: admin.id,
      providerFor,
    });
    expect(refunded.refund).toMatchObject({ status: "succeeded", amount: 3_000 });
    expect(refunded.remainingRefundable).toBe(6_900);
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?secretKey=${merchant.secretKey}`);
    expect(ledger.cancels).toEqual([expect.objectContaining({ cancelAmount: 3_000 })]);

    // The customer switches to 퀵계좌이체: the same customerKey, a new key.
    const second = await startRegistration({
      userId: user.id,
      provider: "toss_payments",
      method: "account",
      productDescription: `${plan.name} 결제수단 변경`,
      subscriptionId,
      amount: plan.amount,
      providerFor,
    });
    expect(second.providerCustomerId).toBe(customerKey);
    await returnFromWindow(user.id, second, { account: "shinhan" });
    expect(await methodRow(second.id)).toMatchObject({
      status: "active",
      kind: "account",
      bankCode: null,
      bankName: null,
    });
    expect(await methodRow(method.id)).toMatchObject({ status: "replaced" });
    // The replaced card's key was deleted at Toss Payments (the follow-up ran inline).
    const overview = await sandbox.tools("GET", "/_sandbox?format=json");
    const deleted = (
      overview.billingKeys as { billingKey: string; deletedAt: string | null }[]
    ).find((k) => k.billingKey === billingKey);
    expect(deleted?.deletedAt).not.toBeNull();

    // The next renewal is paid from the account; the charge's answer names the bank, which the
    // account page shows from then on (registration did not).
    const renewed = await runBilling({
      now: new Date(sub!.nextChargeAt!.getTime() + 60_000),
      providerFor,
      sweepRegistrations: false,
    });
    expect(renewed.succeeded).toBe(1);
    expect(await methodRow(second.id)).toMatchObject({
      status: "active",
      kind: "account",
      bankCode: "088",
      bankName: "신한은행",
      accountNumberMasked: expect.stringMatching(/\*/),
    });
  });

  it("ends the registration when the customer closes the window", async () => {
    const user = await createCustomer(`tp-cancel-${Date.now()}@example.com`);
    const plan = await createPlan();
    const { method } = await startCheckout({
      userId: user.id,
      planSlug: plan.slug,
      provider: "toss_payments",
      providerFor,
    });
    const checkout = method.checkoutLinks;
    if (!checkout || !("kind" in checkout)) throw new Error("not a browser registration");
    const back = await answerInWindow(sandbox.url, checkout.launch, "cancel");
    expect(back.searchParams.get("code")).toBe("PAY_PROCESS_CANCELED");
    await completeRegistrationReturn({
      userId: user.id,
      provider: "toss_payments",
      query: registrationReturnSchema.parse(Object.fromEntries(back.searchParams)),
      providerFor,
    });
    expect(await methodRow(method.id)).toMatchObject({
      status: "failed",
      failureCode: "PAY_PROCESS_CANCELED",
    });
  });
});
