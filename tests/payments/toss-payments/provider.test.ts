// The Toss Payments provider against a scripted HTTP server: what it sends (Basic auth, JSON,
// Idempotency-Key) and how each documented answer maps to the engine's outcomes. The sandbox
// tests (sandbox-integration.test.ts) cover the same verbs against the emulator.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startScriptedServer, type ScriptedServer } from "../support/scripted-server";
import { idempotencyKeys } from "@/lib/payments/toss-payments/client";
import {
  createTossPaymentsProvider,
  tossPaymentsCustomerKey,
} from "@/lib/payments/toss-payments/provider";
import type { PaymentProvider } from "@/lib/payments/types";

let server: ScriptedServer;
const SECRET = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";
const BILLING_KEY = "Z_t5vOvQxrj4499PeiJcjen28-V2RyqgYTwN44Rdzk0=";
const CUSTOMER_KEY = "3f1c2d4e-aaaa-bbbb-cccc-0123456789ab";

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => server.requests.splice(0));

function provider(timeoutMs = 2_000): PaymentProvider {
  return createTossPaymentsProvider({
    secretKey: SECRET,
    clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq",
    baseUrl: server.baseUrl,
    scriptUrl: `${server.baseUrl}/v2/standard`,
    mode: "sandbox",
    timeoutMs,
  });
}

const billingPath = `/v1/billing/${encodeURIComponent(BILLING_KEY)}`;

function payment(fields: Record<string, unknown> = {}) {
  return {
    mId: "tosspayments",
    paymentKey: "tviva20240213121757MvuS8",
    orderId: "sub_1_p1_a1",
    orderName: "프리미엄 월간 구독",
    type: "BILLING",
    status: "DONE",
    method: "카드",
    totalAmount: 9900,
    balanceAmount: 9900,
    approvedAt: "2024-02-13T12:18:14+09:00",
    lastTransactionKey: "9C62B18EEF0DE3EB7F4422EB6D14BC6E",
    card: {
      issuerCode: "41",
      acquirerCode: "41",
      number: "43301234****123*",
      cardType: "신용",
      ownerType: "개인",
    },
    receipt: { url: "https://dashboard.tosspayments.com/receipt/x" },
    failure: null,
    cancels: null,
    secret: null,
    ...fields,
  };
}

const chargeInput = {
  billingKey: BILLING_KEY,
  customer: { providerCustomerId: CUSTOMER_KEY },
  orderId: "sub_1_p1_a1",
  orderName: "프리미엄 월간 구독",
  amount: 9900,
  amountTaxFree: 0,
};

describe("startRegistration", () => {
  it.each([
    ["card", "CARD"],
    ["account", "TRANSFER"],
  ] as const)("opens the SDK's billing-auth window for %s", async (method, sdkMethod) => {
    const started = await provider().startRegistration({
      providerCustomerId: CUSTOMER_KEY,
      method,
      productDescription: "프리미엄 구독",
      callbackUrl: "http://localhost/cb",
      successUrl: "http://localhost/return?result=success",
      failureUrl: "http://localhost/return?result=failure",
    });
    expect(started).toMatchObject({
      outcome: "succeeded",
      step: {
        kind: "browser",
        launch: {
          type: "script",
          scriptUrl: `${server.baseUrl}/v2/standard`,
          calls: [
            { path: "TossPayments", args: ["test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq"] },
            { path: "payment", args: [{ customerKey: CUSTOMER_KEY }] },
            {
              path: "requestBillingAuth",
              args: [
                {
                  method: sdkMethod,
                  successUrl: "http://localhost/return?result=success",
                  failUrl: "http://localhost/return?result=failure",
                },
              ],
            },
          ],
        },
      },
    });
    expect(JSON.stringify(started)).not.toContain(SECRET);
    expect(server.requests).toEqual([]);
  });

  it("gives each customer one random-looking UUID customerKey, the same for every key", () => {
    const key = tossPaymentsCustomerKey("cus_0123456789abcdef0123456789abcdef");
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(tossPaymentsCustomerKey("cus_0123456789abcdef0123456789abcdef")).toBe(key);
    expect(tossPaymentsCustomerKey("cus_0123456789abcdef0123456789abcdee")).not.toBe(key);
    expect(provider().customerIdFor?.("cus_0123456789abcdef0123456789abcdef", "m1")).toBe(key);
    expect(provider().customerIdFor?.("cus_0123456789abcdef0123456789abcdef", "m2")).toBe(key);
  });
});

describe("completeRegistration", () => {
  it("issues the key with Basic auth and maps the card", async () => {
    server.on("/v1/billing/authorizations/issue", {
      json: {
        mId: "tosspayments",
        customerKey: CUSTOMER_KEY,
        authenticatedAt: "2024-02-13T12:17:57+09:00",
        method: "카드",
        billingKey: BILLING_KEY,
        card: {
          issuerCode: "61",
          acquirerCode: "61",
          number: "43301234****123*",
          cardType: "체크",
          ownerType: "개인",
        },
      },
    });
    const done = await provider().completeRegistration({
      providerCustomerId: CUSTOMER_KEY,
      authKey: "bln_auth_one_time",
    });
    expect(done).toMatchObject({
      outcome: "succeeded",
      billingKey: BILLING_KEY,
      method: {
        kind: "card",
        cardCompany: "현대",
        cardCompanyCode: "61",
        maskedNumber: "43301234****123*",
        cardType: "check",
      },
    });
    expect(JSON.stringify(done.raw)).not.toContain(BILLING_KEY);
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${SECRET}:`).toString("base64")}`,
    );
    expect(request?.body).toEqual({ authKey: "bln_auth_one_time", customerKey: CUSTOMER_KEY });
    expect(request?.headers["idempotency-key"]).toBe(idempotencyKeys.issue("bln_auth_one_time"));
    expect(request?.headers["idempotency-key"]).not.toContain("bln_auth_one_time");
  });

  it("leaves a 퀵계좌이체 account's bank unknown until the first charge", async () => {
    server.on("/v1/billing/authorizations/issue", {
      json: { customerKey: CUSTOMER_KEY, method: "계좌이체", billingKey: BILLING_KEY },
    });
    expect(
      await provider().completeRegistration({ providerCustomerId: CUSTOMER_KEY, authKey: "a1" }),
    ).toMatchObject({
      outcome: "succeeded",
      method: { kind: "account", bankCode: null, bankName: null, maskedAccountNumber: null },
    });
  });

  it("refuses a key issued for another customer and an authKey Toss refuses", async () => {
    server.on("/v1/billing/authorizations/issue", {
      json: { customerKey: "someone-else", billingKey: BILLING_KEY },
    });
    expect(
      await provider().completeRegistration({ providerCustomerId: CUSTOMER_KEY, authKey: "a1" }),
    ).toMatchObject({ outcome: "declined", code: "CUSTOMER_MISMATCH" });
    server.on("/v1/billing/authorizations/issue", {
      status: 404,
      json: { code: "NOT_FOUND_BILLING", message: "빌링 인증 정보가 없습니다." },
    });
    expect(
      await provider().completeRegistration({ providerCustomerId: CUSTOMER_KEY, authKey: "a1" }),
    ).toMatchObject({ outcome: "declined", code: "NOT_FOUND_BILLING" });
  });
});

describe("charge", () => {
  it("sends the documented body with the order id's Idempotency-Key and maps the card", async () => {
    server.on(billingPath, { json: payment() });
    const result = await provider().charge(chargeInput);
    expect(result).toMatchObject({
      outcome: "succeeded",
      charge: {
        orderId: "sub_1_p1_a1",
        providerPaymentId: "tviva20240213121757MvuS8",
        providerTransactionId: "9C62B18EEF0DE3EB7F4422EB6D14BC6E",
        amount: 9900,
        approvedAt: new Date("2024-02-13T03:18:14Z"),
        receiptUrl: "https://dashboard.tosspayments.com/receipt/x",
        method: { kind: "card", cardCompany: "신한", cardType: "credit" },
        testMode: true,
      },
    });
    const [request] = server.requests;
    expect(request?.path).toBe(billingPath);
    expect(request?.headers["idempotency-key"]).toBe("charge-sub_1_p1_a1");
    expect(request?.headers["content-type"]).toContain("application/json");
    expect(request?.body).toEqual({
      customerKey: CUSTOMER_KEY,
      amount: 9900,
      orderId: "sub_1_p1_a1",
      orderName: "프리미엄 월간 구독",
      taxFreeAmount: 0,
    });
  });

  it("learns a 퀵계좌이체 account's bank from the charge", async () => {
    server.on(billingPath, {
      json: payment({
        method: "계좌이체",
        card: null,
        transfer: { bankCode: "88", settlementStatus: "COMPLETED" },
      }),
    });
    expect(await provider().charge(chargeInput)).toMatchObject({
      outcome: "succeeded",
      charge: { method: { kind: "account", bankCode: "088", bankName: "신한은행" } },
    });
  });

  it.each([
    [404, "NOT_FOUND_BILLING", "needs_new_method"],
    [400, "INVALID_BILL_KEY_REQUEST", "needs_new_method"],
    [403, "REJECT_CARD_COMPANY", "declined"],
    [403, "REJECT_ACCOUNT_PAYMENT", "declined"],
    [401, "UNAUTHORIZED_KEY", "config_error"],
    [400, "DUPLICATED_ORDER_ID", "unknown"],
    [409, "IDEMPOTENT_REQUEST_PROCESSING", "unknown"],
    [400, "BRAND_NEW_CODE", "unknown"],
  ])("HTTP %i %s is %s", async (status, code, outcome) => {
    server.on(billingPath, { status, json: { code, message: "..." } });
    const result = await provider().charge(chargeInput);
    expect(result).toMatchObject({ outcome, code });
    expect(result.customerMessage).toMatch(/[가-힣]/);
  });

  it.each([
    [
      { status: 500, json: { code: "FAILED_INTERNAL_SYSTEM_PROCESSING", message: "x" } },
      "HTTP_500",
    ],
    [{ status: 200, text: "<html>", contentType: "text/html" }, "INVALID_RESPONSE"],
    [{ status: 200, json: payment({ status: "IN_PROGRESS" }) }, "PAYMENT_IN_PROGRESS"],
    [{ status: 200, json: payment({ orderId: "other_order" }) }, "ORDER_MISMATCH"],
    [{ destroy: true as const }, "NETWORK_ERROR"],
  ])("anything that does not prove no money moved is unknown (%#)", async (reply, code) => {
    server.on(billingPath, reply);
    expect(await provider().charge(chargeInput)).toMatchObject({ outcome: "unknown", code });
  });

  it("times out as unknown", async () => {
    server.on(billingPath, { hang: true });
    expect(await provider(300).charge(chargeInput)).toMatchObject({
      outcome: "unknown",
      code: "TIMEOUT",
    });
  });

  it("refuses to send what Toss Payments would refuse, naming the field", async () => {
    const result = await provider().charge({ ...chargeInput, orderId: "short" });
    expect(result).toMatchObject({ outcome: "config_error", code: "INVALID_REQUEST" });
    expect(result.merchantMessage).toContain("orderId");
    expect(server.requests).toEqual([]);
  });

  it("reads an ABORTED payment's failure", async () => {
    server.on(billingPath, {
      json: payment({
        status: "ABORTED",
        failure: { code: "REJECT_CARD_PAYMENT", message: "한도초과" },
      }),
    });
    expect(await provider().charge(chargeInput)).toMatchObject({
      outcome: "declined",
      code: "REJECT_CARD_PAYMENT",
    });
  });
});

describe("lookUpCharge", () => {
  const path = "/v1/payments/orders/sub_1_p1_a1";

  it("finds a paid order with its refunds", async () => {
    server.on(path, {
      json: payment({
        status: "PARTIAL_CANCELED",
        balanceAmount: 4900,
        cancels: [
          {
            cancelAmount: 5000,
            transactionKey: "c1",
            canceledAt: "2024-02-14T10:00:00+09:00",
            cancelStatus: "DONE",
          },
        ],
      }),
    });
    const found = await provider().lookUpCharge({ orderId: "sub_1_p1_a1" });
    expect(found).toMatchObject({
      outcome: "succeeded",
      charge: { amount: 9900, refundedAmount: 5000, refundableAmount: 4900 },
    });
    expect(server.requests[0]?.method).toBe("GET");
    expect(server.requests[0]?.headers["idempotency-key"]).toBeUndefined();
  });

  it("reads NOT_FOUND_PAYMENT as not found, and its own failures as unknown", async () => {
    server.on(path, { status: 404, json: { code: "NOT_FOUND_PAYMENT", message: "x" } });
    expect(await provider().lookUpCharge({ orderId: "sub_1_p1_a1" })).toMatchObject({
      outcome: "not_found",
    });
    server.on(path, { status: 401, json: { code: "UNAUTHORIZED_KEY", message: "x" } });
    expect(await provider().lookUpCharge({ orderId: "sub_1_p1_a1" })).toMatchObject({
      outcome: "unknown",
    });
  });
});

describe("refund", () => {
  const path = "/v1/payments/tviva20240213121757MvuS8/cancel";

  it("cancels with the refund number's Idempotency-Key", async () => {
    server.on(path, {
      json: payment({
        status: "PARTIAL_CANCELED",
        balanceAmount: 6900,
        cancels: [
          {
            cancelAmount: 3000,
            transactionKey: "c1",
            canceledAt: "2024-02-14T10:00:00+09:00",
            cancelStatus: "DONE",
          },
        ],
      }),
    });
    const result = await provider().refund({
      orderId: "sub_1_p1_a1",
      providerPaymentId: "tviva20240213121757MvuS8",
      refundNo: "rf_1",
      amount: 3000,
      reason: "고객 요청",
    });
    expect(result).toMatchObject({
      outcome: "succeeded",
      refund: {
        refundNo: "rf_1",
        providerTransactionId: "c1",
        refundedAmount: 3000,
        refundableAmount: 6900,
      },
    });
    expect(server.requests[0]?.headers["idempotency-key"]).toBe("cancel-rf_1");
    expect(server.requests[0]?.body).toEqual({
      cancelReason: "고객 요청",
      cancelAmount: 3000,
    });
  });

  it("maps cancel refusals to declined and transient ones to unknown", async () => {
    const input = {
      orderId: "o",
      providerPaymentId: "tviva20240213121757MvuS8",
      refundNo: "rf_2",
      reason: "x",
    };
    server.on(path, { status: 400, json: { code: "NOT_CANCELABLE_AMOUNT", message: "x" } });
    expect(await provider().refund(input)).toMatchObject({ outcome: "declined" });
    server.on(path, { status: 403, json: { code: "FORBIDDEN_CONSECUTIVE_REQUEST", message: "x" } });
    expect(await provider().refund(input)).toMatchObject({ outcome: "unknown" });
  });
});

describe("methods and events", () => {
  it("has no billing-key lookup: getMethod says not supported", async () => {
    expect(
      await provider().getMethod({ providerCustomerId: CUSTOMER_KEY, billingKey: BILLING_KEY }),
    ).toMatchObject({ outcome: "not_supported" });
    expect(server.requests).toEqual([]);
  });

  it("deletes a key; a key already gone counts as removed", async () => {
    server.on(billingPath, { status: 200, text: "", contentType: "application/json" });
    const input = { providerCustomerId: CUSTOMER_KEY, billingKey: BILLING_KEY };
    expect(await provider().removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: false,
    });
    expect(server.requests[0]?.method).toBe("DELETE");
    server.on(billingPath, { status: 404, json: { code: "NOT_FOUND_BILLING", message: "x" } });
    expect(await provider().removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: true,
    });
  });

  it("parses BILLING_DELETED: unverified, deduplicated on the transmission id, key kept out of the log", async () => {
    const headers = new Headers({ "tosspayments-webhook-transmission-id": "wh_123" });
    const rawBody = JSON.stringify({
      eventType: "BILLING_DELETED",
      createdAt: "2024-02-13T12:18:14.000000",
      data: { billingKey: BILLING_KEY, reason: "삭제 API 요청" },
    });
    const parsed = await provider().parseEvent({ rawBody, headers });
    expect(parsed).toMatchObject({
      ok: true,
      event: {
        type: "method_removed",
        verified: false,
        dedupeKey: "transmission:wh_123",
        billingKey: BILLING_KEY,
      },
    });
    if (!parsed.ok) throw new Error("not parsed");
    expect(JSON.stringify(parsed.event.payload)).not.toContain(BILLING_KEY);
    const logged = provider().readLoggedEvent({
      providerType: "BILLING_DELETED",
      dedupeKey: parsed.event.dedupeKey,
      payload: parsed.event.payload,
    });
    expect(logged).toMatchObject({ ok: true, type: "method_removed" });
    expect(logged.ok && logged.billingKeyFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a webhook without its transmission id or with a malformed body", async () => {
    const body = JSON.stringify({ eventType: "BILLING_DELETED", data: { billingKey: "k" } });
    expect(await provider().parseEvent({ rawBody: body, headers: new Headers() })).toMatchObject({
      ok: false,
    });
    const headers = new Headers({ "tosspayments-webhook-transmission-id": "wh_1" });
    expect(
      await provider().parseEvent({
        rawBody: JSON.stringify({ eventType: "BILLING_DELETED", data: {} }),
        headers,
      }),
    ).toMatchObject({ ok: false });
    expect(await provider().parseEvent({ rawBody: "nope", headers })).toMatchObject({ ok: false });
  });
});
