import { randomBytes } from "node:crypto";
import type { Failure, MethodDetails, PaymentProvider, ProviderName } from "@/lib/payments/types";

// A test-only browser-SDK provider (the shape Toss Payments and PortOne share): registration
// opens its "window", which hands the browser a one-time authKey for the customer; the server
// exchanges it for a billing key. Stands in for a real provider folder until issues 10/11, to
// prove the registration step end to end through the real route handler.

const CARD: MethodDetails = {
  kind: "card",
  cardCompany: "신한",
  cardCompanyCode: "SH",
  maskedNumber: "5310********1234",
  cardType: "credit",
};

const described = { code: null, merchantMessage: "ok", customerMessage: "완료했어요.", raw: null };

function failure(outcome: Failure["outcome"], code: string, message: string): Failure {
  return {
    outcome,
    code,
    merchantMessage: message,
    customerMessage: "등록하지 못했어요.",
    raw: null,
  };
}

export function createFakeBrowserProvider(name: ProviderName) {
  // authKey → the customer it was issued for; deleted once exchanged (one-time).
  const authKeys = new Map<string, string>();
  const issued: { billingKey: string; customerId: string }[] = [];
  // The kind each registration was started for (the checkout's 카드 / 계좌 choice).
  const calls = { completeRegistration: 0, startedFor: [] as (string | undefined)[] };

  const provider: PaymentProvider = {
    name,
    mode: "sandbox",
    async startRegistration(input) {
      calls.startedFor.push(input.method);
      return {
        ...described,
        outcome: "succeeded",
        step: {
          kind: "browser",
          launch: {
            type: "script",
            scriptUrl: "https://fake-pay.example/v1/sdk.js",
            calls: [
              { path: "FakePay", args: ["ck_test_fake"] },
              {
                path: "requestBillingAuth",
                args: [
                  {
                    customerKey: input.providerCustomerId,
                    successUrl: input.successUrl,
                    failUrl: input.failureUrl,
                  },
                ],
              },
            ],
          },
          expiresAt: new Date(Date.now() + 30 * 60_000),
        },
      };
    },
    async completeRegistration(input) {
      calls.completeRegistration += 1;
      const customer = input.authKey ? authKeys.get(input.authKey) : undefined;
      if (!input.authKey || customer === undefined) {
        return failure("declined", "INVALID_AUTH_KEY", "authKey unknown or already used");
      }
      authKeys.delete(input.authKey);
      if (customer !== input.providerCustomerId) {
        return failure("declined", "CUSTOMER_MISMATCH", "authKey issued for another customer");
      }
      const billingKey = `fbk_${randomBytes(12).toString("hex")}`;
      issued.push({ billingKey, customerId: customer });
      return { ...described, outcome: "succeeded", billingKey, method: CARD };
    },
    async charge(input) {
      return {
        ...described,
        outcome: "succeeded",
        charge: {
          orderId: input.orderId,
          providerPaymentId: `pay_${input.orderId}`,
          providerTransactionId: null,
          amount: input.amount,
          approvedAt: new Date(),
          receiptUrl: null,
          method: CARD,
          testMode: true,
        },
      };
    },
    async lookUpCharge() {
      return { ...described, outcome: "not_found" };
    },
    async refund() {
      return failure("config_error", "NOT_SUPPORTED", "the fake provider does not refund");
    },
    async getMethod() {
      return { ...described, outcome: "succeeded", status: "active", method: CARD };
    },
    async removeMethod() {
      return { ...described, outcome: "succeeded", alreadyRemoved: false };
    },
    async parseEvent() {
      return { ok: false, reason: "the fake provider sends no events" };
    },
    readLoggedEvent() {
      return { ok: false, reason: "the fake provider sends no events" };
    },
  };

  return {
    provider,
    calls,
    issued,
    /** What the provider's window does when the customer registers a card: a one-time code. */
    approveInWindow(customerKey: string): string {
      const authKey = `auth_${randomBytes(8).toString("hex")}`;
      authKeys.set(authKey, customerKey);
      return authKey;
    },
  };
}
