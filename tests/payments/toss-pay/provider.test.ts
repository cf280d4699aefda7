import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import type { ChargeInput, PaymentMode, PaymentProvider } from "@/lib/payments/types";
import { startScriptedServer, type Reply, type ScriptedServer } from "../support/scripted-server";
import {
  billExample,
  callbackExample,
  createBillingKeyExample,
  fromDocs,
  statusAccountExample,
  statusCardExample,
} from "./seed-examples";

// The Toss Pay provider against a scripted HTTP server: what each Toss answer becomes in
// docs/billing.md's categories, and that billing keys never end up in the raw responses.

const BILL = "/api/v1/billing-key/bill";
const STATUS = "/api/v2/status";
const KEY_STATUS = "/api/v1/billing-key/status";
const REFUNDS = "/api/v2/refunds";
const REMOVE = "/api/v1/billing-key/remove";
const CREATE = "/api/v1/billing-key";

let toss: ScriptedServer;
beforeAll(async () => {
  toss = await startScriptedServer();
});
afterAll(async () => {
  await toss.close();
});
beforeEach(() => {
  toss.requests.length = 0;
});

function provider(mode: PaymentMode = "sandbox"): PaymentProvider {
  return createTossPayProvider({
    apiKey: mode === "live" ? "sk_live_abc" : "sk_test_w5lNQylNqa5lNQe013Nq",
    baseUrl: toss.baseUrl,
    mode,
    timeoutMs: 400,
  });
}

const charge: ChargeInput = {
  billingKey: "example-billingKey",
  customer: { providerCustomerId: "cus_1" },
  orderId: "TEST_billing_1",
  orderName: "월간 구독",
  amount: 150_000,
  amountTaxFree: 0,
};

function tossError(errorCode: string | null, status = 400, msg = "토스 메시지"): Reply {
  return { status, json: { code: -1, ...(errorCode ? { errorCode } : {}), msg } };
}

function expectNoBillingKey(value: unknown, key = "example-billingKey") {
  expect(JSON.stringify(value)).not.toContain(key);
}

describe("registration", () => {
  it("creates a key and returns the Toss app links, with the key kept out of raw", async () => {
    toss.on(CREATE, { json: fromDocs(createBillingKeyExample) });
    const before = Date.now();
    const result = await provider().startRegistration({
      providerCustomerId: "cus_1",
      providerDisplayId: "reg_2",
      productDescription: "월간 구독 결제수단 등록",
      callbackUrl: "http://localhost:3105/api/payments/toss-pay/callback",
      successUrl: "http://localhost:3105/billing/toss-pay/return?result=success",
      failureUrl: "http://localhost:3105/billing/toss-pay/return?result=failure",
    });
    expect(toss.requests[0]?.body).toMatchObject({
      userId: "cus_1",
      displayId: "reg_2",
      productDesc: "월간 구독 결제수단 등록",
      resultCallback: "http://localhost:3105/api/payments/toss-pay/callback",
      returnSuccessUrl: "http://localhost:3105/billing/toss-pay/return?result=success",
    });
    if (result.outcome !== "succeeded" || result.step.kind !== "app_links") {
      throw new Error(`unexpected ${JSON.stringify(result)}`);
    }
    expect(result.step.billingKey).toBe("example-billingKey");
    expect(result.step.links.android).toMatch(/^intent:\/\//);
    expect(result.step.links.ios).toMatch(/^https:\/\/ul\.toss\.im/);
    expect(result.step.links.web).toMatch(/^https:\/\/toss\.onelink\.me/);
    // 15 minutes from when we asked, so never later than Toss's own expiry.
    const expiresAt = result.step.expiresAt.getTime();
    expect(expiresAt).toBeGreaterThanOrEqual(before + 15 * 60_000);
    expect(expiresAt).toBeLessThanOrEqual(toss.requests[0]!.receivedAt + 15 * 60_000);
    // The links embed the key in their query string; raw keeps the links, masked.
    expectNoBillingKey(result.raw);
    expect(JSON.stringify(result.raw)).toContain("[redacted]");
  });

  it("maps a refused registration to its category and a Korean message", async () => {
    toss.on(CREATE, tossError("NOT_SUPPORTED_BILLING_KEY_SHOP"));
    const result = await provider().startRegistration({
      providerCustomerId: "cus_1",
      productDescription: "등록",
      callbackUrl: "http://localhost:3105/cb",
      successUrl: "http://localhost:3105/ok",
      failureUrl: "http://localhost:3105/fail",
    });
    expect(result).toMatchObject({
      outcome: "config_error",
      code: "NOT_SUPPORTED_BILLING_KEY_SHOP",
      customerMessage: "지금은 토스페이 자동결제를 이용할 수 없어요. 고객센터로 문의해 주세요.",
    });
    expect(result.merchantMessage).toContain('NOT_SUPPORTED_BILLING_KEY_SHOP: "토스 메시지"');
  });

  it("completes only when the key is ACTIVE, ours, and for our userId", async () => {
    const status = fromDocs(statusCardExample) as Record<string, unknown>;
    const input = {
      providerCustomerId: "TEST=2023-07-03T14:29:00.201Z",
      billingKey: "8JZBi0gmKZlfxaV4Zm4762",
    };
    toss.on(KEY_STATUS, { json: status });
    const done = await provider().completeRegistration(input);
    expect(done).toMatchObject({
      outcome: "succeeded",
      billingKey: "8JZBi0gmKZlfxaV4Zm4762",
      method: {
        kind: "card",
        cardCompany: "우리",
        cardCompanyCode: "7",
        maskedNumber: "531764******410*",
        cardType: "credit",
      },
    });
    expectNoBillingKey(done.raw, "8JZBi0gmKZlfxaV4Zm4762");
    expect(toss.requests[0]?.body).toEqual({
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      userId: "TEST=2023-07-03T14:29:00.201Z",
    });

    toss.on(KEY_STATUS, { json: { ...status, status: "CREATE" } });
    expect((await provider().completeRegistration(input)).outcome).toBe("pending");
    toss.on(KEY_STATUS, { json: { ...status, status: "AUTH" } });
    expect((await provider().completeRegistration(input)).outcome).toBe("pending");

    toss.on(KEY_STATUS, { json: { ...status, status: "CANCEL" } });
    expect(await provider().completeRegistration(input)).toMatchObject({
      outcome: "declined",
      code: "BILLING_KEY_CANCEL",
    });

    toss.on(KEY_STATUS, { json: { ...status, billingKey: "someone-elses-key" } });
    const mismatch = await provider().completeRegistration(input);
    expect(mismatch).toMatchObject({ outcome: "declined", code: "BILLING_KEY_MISMATCH" });
    expectNoBillingKey(mismatch, "someone-elses-key");

    toss.on(KEY_STATUS, { json: { ...status, userId: "cus_other" } });
    expect(await provider().completeRegistration(input)).toMatchObject({
      outcome: "declined",
      code: "USER_MISMATCH",
    });
  });

  it("reads account and Toss Money details", async () => {
    const account = fromDocs(statusAccountExample) as Record<string, unknown>;
    const input = { providerCustomerId: "TEST=2023-07-03T14:29:00.201Z" };
    toss.on(KEY_STATUS, { json: { ...account, accountBankCode: "88" } });
    expect(await provider().completeRegistration(input)).toMatchObject({
      outcome: "succeeded",
      method: {
        kind: "account",
        bankCode: "088",
        bankName: "신한은행",
        maskedAccountNumber: "110******676",
      },
    });
    toss.on(KEY_STATUS, { json: { ...account, accountNumber: "토스머니" } });
    expect(await provider().completeRegistration(input)).toMatchObject({
      method: { kind: "toss_money" },
    });
  });
});

describe("charge", () => {
  it("records the documented bill answer: string money, test mode, receipt, card", async () => {
    toss.on(BILL, { json: fromDocs(billExample) });
    const result = await provider().charge(charge);
    expect(result).toMatchObject({
      outcome: "succeeded",
      code: null,
      customerMessage: "결제가 완료됐어요.",
      charge: {
        orderId: "TEST_billing_1",
        providerPaymentId: "example-payToken",
        providerTransactionId: "3243c76e-e9cf-4669-881b-33a3b82ddf49",
        amount: 150_000,
        receiptUrl: expect.stringContaining("sales-check"),
        testMode: true,
        method: { kind: "card", cardCompany: "롯데", cardCompanyCode: "5", cardType: "credit" },
      },
    });
    if (result.outcome !== "succeeded") throw new Error("unreachable");
    expect(result.charge.approvedAt?.toISOString()).toBe("2020-04-06T02:28:09.000Z");
    expect(toss.requests[0]?.body).toEqual({
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      billingKey: "example-billingKey",
      orderNo: "TEST_billing_1",
      productDesc: "월간 구독",
      amount: 150_000,
      amountTaxFree: 0,
      // Always a real boolean: Toss reads a missing or null value as false anyway.
      cashReceipt: false,
    });
    expect(result.raw).toMatchObject({ payToken: "example-payToken", amount: "150000" });
  });

  it("sends our VAT and the merchant's cash receipt with the charge", async () => {
    toss.on(BILL, { json: fromDocs(billExample) });
    await provider().charge({ ...charge, amountVat: 13_636, cashReceipt: "CULTURE" });
    expect(toss.requests[0]?.body).toMatchObject({
      amountVat: 13_636,
      cashReceipt: true,
      cashReceiptTradeOption: "CULTURE",
    });
  });

  it.each([
    ["CARD_NOT_ENOUGH_BALANCE", "declined"],
    ["COMMON_NOT_ENOUGH_CASH", "declined"],
    ["CARD_EXCEED_LIMIT", "declined"],
    ["PAYMENT_DUPLICATION_ORDER_NO", "unknown"],
    ["PAYMENT_EXISTING_PAYMENT", "unknown"],
    ["TRANSACTION_PENDING_ERROR", "unknown"],
    ["COMMON_TIMEOUT", "unknown"],
    ["A_CODE_TOSS_ADDS_LATER", "unknown"],
    ["COMMON_BILLING_KEY_NOT_FOUND", "needs_new_method"],
    ["COMMON_INVALID_API_KEY", "config_error"],
  ])("maps errorCode %s to %s", async (errorCode, outcome) => {
    toss.on(BILL, tossError(errorCode));
    const result = await provider().charge(charge);
    expect(result.outcome).toBe(outcome);
    expect(result.code).toBe(errorCode);
    expect(result.merchantMessage).toContain(errorCode);
    expect(result.customerMessage).toMatch(/[가-힣]/);
    expect(result.raw).toMatchObject({ errorCode, msg: "토스 메시지" });
    expectNoBillingKey(result.raw);
  });

  it("reads an error without errorCode by its HTTP status", async () => {
    toss.on(BILL, tossError(null, 401));
    expect(await provider().charge(charge)).toMatchObject({
      outcome: "config_error",
      code: "HTTP_401",
    });
    toss.on(BILL, tossError(null, 400));
    expect(await provider().charge(charge)).toMatchObject({ outcome: "unknown", code: "HTTP_400" });
  });

  it.each<[Reply, string]>([
    [{ hang: true }, "TIMEOUT"],
    [{ status: 503, text: "Service Unavailable" }, "HTTP_503"],
    [{ status: 200, text: "<html>" }, "INVALID_RESPONSE"],
    [{ destroy: true }, "NETWORK_ERROR"],
  ])("never calls %j a failure: unknown %s", async (reply, code) => {
    toss.on(BILL, reply);
    const result = await provider().charge(charge);
    expect(result).toMatchObject({
      outcome: "unknown",
      code,
      customerMessage: "결제 결과를 확인하고 있어요. 확인되는 대로 알려 드릴게요.",
    });
    expectNoBillingKey(result.raw);
  });

  it("refuses a TEST answer to a live key: no money moved, no service given", async () => {
    toss.on(BILL, { json: fromDocs(billExample) });
    expect(await provider("live").charge(charge)).toMatchObject({
      outcome: "config_error",
      code: "MODE_MISMATCH",
    });
    toss.on(BILL, { json: { ...(fromDocs(billExample) as object), mode: "LIVE" } });
    expect(await provider("live").charge(charge)).toMatchObject({
      outcome: "succeeded",
      charge: { testMode: false },
    });
  });

  it("sends nothing for an order id outside [A-Za-z0-9_-]{6,50} or an invalid amount", async () => {
    for (const input of [
      { ...charge, orderId: "order:1" },
      { ...charge, orderId: "short" },
      { ...charge, amount: 99 },
      { ...charge, amount: 49_000, installmentMonths: 3 },
    ]) {
      const result = await provider().charge(input);
      expect(result).toMatchObject({ outcome: "config_error", code: "INVALID_REQUEST" });
    }
    expect(toss.requests).toHaveLength(0);
  });
});

describe("charge lookup by our order id", () => {
  const paid = {
    code: 0,
    mode: "TEST",
    payToken: "tok_1",
    orderNo: "TEST_billing_1",
    payStatus: "PAY_COMPLETE",
    payMethod: "CARD",
    amount: 9900,
    paidTs: "2024-05-01 09:00:00",
    card: { cardCompanyCode: 4, cardNumber: "4000****1111", salesCheckLinkUrl: "https://r/1" },
    transactions: [
      {
        stepType: "PAY",
        transactionId: "tx_pay",
        transactionAmount: 9900,
        regTs: "2024-05-01 09:00:00",
      },
    ],
  };

  it("finds a completed payment with its payToken and transactions", async () => {
    toss.on(STATUS, { json: paid });
    const result = await provider().lookUpCharge({ orderId: "TEST_billing_1" });
    expect(toss.requests[0]?.body).toEqual({
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      orderNo: "TEST_billing_1",
    });
    expect(result).toMatchObject({
      outcome: "succeeded",
      charge: {
        providerPaymentId: "tok_1",
        providerTransactionId: "tx_pay",
        amount: 9900,
        receiptUrl: "https://r/1",
        refundedAmount: 0,
        method: { kind: "card", cardCompany: "국민", maskedNumber: "4000****1111" },
        transactions: [{ kind: "payment", transactionId: "tx_pay", amount: 9900 }],
      },
    });
  });

  it("counts refunds of a refunded payment, which is still a payment that happened", async () => {
    toss.on(STATUS, {
      json: {
        ...paid,
        payStatus: "REFUND_SUCCESS",
        refundableAmount: "7900",
        transactions: [
          ...paid.transactions,
          { stepType: "REFUND", transactionId: "tx_rf", transactionAmount: "-2000" },
        ],
      },
    });
    expect(await provider().lookUpCharge({ orderId: "TEST_billing_1" })).toMatchObject({
      outcome: "succeeded",
      charge: {
        refundedAmount: 2000,
        refundableAmount: 7900,
        transactions: [{ kind: "payment" }, { kind: "refund", amount: 2000 }],
      },
    });
  });

  it.each([
    ["PAY_STANDBY", "unknown"],
    ["PAY_PROGRESS", "unknown"],
    ["PAY_CANCEL", "declined"],
    ["SOMETHING_NEW", "unknown"],
  ])("reads payStatus %s as %s", async (payStatus, outcome) => {
    toss.on(STATUS, { json: { ...paid, payStatus } });
    expect((await provider().lookUpCharge({ orderId: "TEST_billing_1" })).outcome).toBe(outcome);
  });

  it.each<[Reply, string]>([
    [tossError(null), "not_found"],
    [tossError("TRANSACTION_NOT_FOUND"), "not_found"],
    [tossError("NOT_DOCUMENTED_YET", 404), "not_found"],
    [tossError("NOT_DOCUMENTED_YET", 400), "unknown"],
    [tossError("COMMON_SYSTEM_ERROR"), "unknown"],
    [tossError("CARD_EXCEED_LIMIT"), "unknown"],
    [tossError("COMMON_INVALID_API_KEY", 401), "config_error"],
    [tossError(null, 401), "config_error"],
    [{ hang: true }, "unknown"],
  ])("reads %j as %s", async (reply, outcome) => {
    toss.on(STATUS, reply);
    expect((await provider().lookUpCharge({ orderId: "TEST_billing_1" })).outcome).toBe(outcome);
  });

  it("does not trust an answer about another order", async () => {
    toss.on(STATUS, { json: { ...paid, orderNo: "SOMEONE_ELSE_1" } });
    expect(await provider().lookUpCharge({ orderId: "TEST_billing_1" })).toMatchObject({
      outcome: "unknown",
      code: "ORDER_MISMATCH",
    });
  });
});

describe("refund", () => {
  const input = {
    orderId: "TEST_billing_1",
    providerPaymentId: "tok_1",
    refundNo: "rf_TEST_billing_1_1",
    amount: 2000,
    reason: '고객 요청: "중복" 결제',
  };

  it("sends our refundNo, idempotent, a clean reason, and reports a positive amount", async () => {
    toss.on(REFUNDS, {
      json: {
        code: 0,
        refundNo: "rf_TEST_billing_1_1",
        transactionId: "tx_rf",
        refundedAmount: -2000,
        refundableAmount: 7900,
        approvalTime: "2024-05-02 10:00:00",
      },
    });
    const result = await provider().refund(input);
    expect(toss.requests[0]?.body).toEqual({
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      payToken: "tok_1",
      refundNo: "rf_TEST_billing_1_1",
      idempotent: true,
      reason: "고객 요청: 중복 결제",
      amount: 2000,
    });
    expect(result).toMatchObject({
      outcome: "succeeded",
      refund: {
        refundNo: "rf_TEST_billing_1_1",
        providerTransactionId: "tx_rf",
        refundedAmount: 2000,
        refundableAmount: 7900,
      },
    });
  });

  it("leaves out the amount for a full refund", async () => {
    toss.on(REFUNDS, { json: { code: 0, refundedAmount: "-9900", refundableAmount: 0 } });
    const { amount: _amount, ...full } = input;
    const result = await provider().refund(full);
    expect(toss.requests[0]?.body).not.toHaveProperty("amount");
    expect(result).toMatchObject({ outcome: "succeeded", refund: { refundedAmount: 9900 } });
  });

  it.each([
    ["REFUND_REFUND_NO_DUPLICATE", "unknown"],
    ["REFUND_ALREADY_REFUNDED", "declined"],
    ["REFUND_EXCEED_DAILY", "declined"],
    ["INACTIVE_USER", "declined"],
    ["PAYMENT_SHOP_STATE_CANNOT_REFUND", "config_error"],
  ])("maps %s to %s", async (errorCode, outcome) => {
    toss.on(REFUNDS, tossError(errorCode));
    expect((await provider().refund(input)).outcome).toBe(outcome);
  });

  it("calls a timed-out refund unknown, to be resent with the same refundNo", async () => {
    toss.on(REFUNDS, { hang: true });
    expect(await provider().refund(input)).toMatchObject({
      outcome: "unknown",
      code: "TIMEOUT",
      customerMessage: "환불 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
    });
  });
});

describe("method details and removal", () => {
  const input = {
    providerCustomerId: "TEST=2023-07-03T14:29:00.201Z",
    billingKey: "8JZBi0gmKZlfxaV4Zm4762",
  };

  it("reports the current status and display details", async () => {
    const status = fromDocs(statusCardExample) as Record<string, unknown>;
    toss.on(KEY_STATUS, { json: status });
    expect(await provider().getMethod(input)).toMatchObject({
      outcome: "succeeded",
      status: "active",
      method: { kind: "card", cardCompany: "우리" },
    });
    toss.on(KEY_STATUS, { json: { ...status, status: "REMOVE" } });
    expect(await provider().getMethod(input)).toMatchObject({ status: "removed" });
    toss.on(KEY_STATUS, { json: { ...status, billingKey: "another" } });
    expect(await provider().getMethod(input)).toMatchObject({
      outcome: "unknown",
      code: "BILLING_KEY_MISMATCH",
    });
  });

  it("removes a key, and counts an already missing key as removed", async () => {
    toss.on(REMOVE, { json: { code: 0 } });
    expect(await provider().removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: false,
    });
    expect(toss.requests[0]?.body).toEqual({
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      billingKey: "8JZBi0gmKZlfxaV4Zm4762",
    });
    toss.on(REMOVE, tossError("COMMON_BILLING_KEY_NOT_FOUND"));
    expect(await provider().removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: true,
    });
    toss.on(REMOVE, tossError("BILLING_KEY_REMOVE_NOT_ALLOWED_SHOP"));
    expect(await provider().removeMethod(input)).toMatchObject({ outcome: "config_error" });
  });
});

describe("callback parsing", () => {
  const headers = new Headers({ "content-type": "application/json;charset=UTF-8" });

  it("turns the documented callback into an unverified, deduplicable event", async () => {
    const rawBody = callbackExample.replace('//"displayId": "TEST_SERVICE_1",', "");
    const parsed = await provider().parseEvent({ rawBody, headers });
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(parsed.event).toMatchObject({
      type: "registration_completed",
      providerType: "ACTIVATED",
      verified: false,
      billingKey: "example-billingKey",
      customer: { providerCustomerId: "TOSS-TEST-1" },
      orderId: null,
    });
    expect(parsed.event.occurredAt?.toISOString()).toBe("2020-04-01T03:34:11.000Z");
    expectNoBillingKey(parsed.event.payload);
    expect(parsed.event.payload).toMatchObject({ userId: "TOSS-TEST-1", accountBankCode: "88" });
    expect(parsed.event.dedupeKey).not.toContain("example-billingKey");

    const again = await provider().parseEvent({ rawBody, headers });
    expect(again.ok && again.event.dedupeKey).toBe(parsed.event.dedupeKey);
    const removed = await provider().parseEvent({
      rawBody: JSON.stringify({ ...(JSON.parse(rawBody) as object), action: "REMOVED" }),
      headers,
    });
    expect(removed.ok && removed.event.type).toBe("method_removed");
    expect(removed.ok && removed.event.dedupeKey).not.toBe(parsed.event.dedupeKey);
  });

  it("dedupes on action and key only, and keeps only the documented fields", async () => {
    const body = {
      action: "ACTIVATED",
      processedTs: "2026-12-01 10:00:00",
      userId: "cus_1",
      billingKey: "example-billingKey",
      payMethod: "CARD",
      cardNumber: "4330-28**-****-123*",
      cardCompanyName: "국민".repeat(200),
      extra: "x".repeat(1_000),
      nested: { billing: "example-billingKey" },
    };
    const first = await provider().parseEvent({ rawBody: JSON.stringify(body), headers });
    // A copy claiming another time (what a forger sends to look new) is the same event.
    const copy = await provider().parseEvent({
      rawBody: JSON.stringify({ ...body, processedTs: "2026-12-01 10:00:01" }),
      headers,
    });
    if (!first.ok || !copy.ok) throw new Error("not parsed");
    expect(copy.event.dedupeKey).toBe(first.event.dedupeKey);
    expect(first.event.dedupeKey).toMatch(/^ACTIVATED:[0-9a-f]{64}$/);
    expect(Object.keys(first.event.payload ?? {}).sort()).toEqual(
      ["action", "cardCompanyName", "cardNumber", "payMethod", "processedTs", "userId"].sort(),
    );
    expect((first.event.payload as Record<string, string>).cardCompanyName).toHaveLength(100);
    expectNoBillingKey(first.event.payload);

    // The log is read back from the new dedupe key and from rows logged before (with the time).
    for (const dedupeKey of [first.event.dedupeKey, `${first.event.dedupeKey}:2026-12-01`]) {
      expect(
        provider().readLoggedEvent({
          providerType: "ACTIVATED",
          dedupeKey,
          payload: first.event.payload,
        }),
      ).toMatchObject({ ok: true, type: "registration_completed", providerCustomerId: "cus_1" });
    }
  });

  it("rejects bodies that are not a callback", async () => {
    expect(await provider().parseEvent({ rawBody: "action=ACTIVATED", headers })).toEqual({
      ok: false,
      reason: "body is not JSON",
    });
    const missingKey = await provider().parseEvent({
      rawBody: JSON.stringify({ action: "ACTIVATED", userId: "u" }),
      headers,
    });
    expect(missingKey.ok).toBe(false);
  });

  it("ignores actions it does not know", async () => {
    const parsed = await provider().parseEvent({
      rawBody: JSON.stringify({ action: "SUSPENDED", billingKey: "k1", userId: "u" }),
      headers,
    });
    expect(parsed.ok && parsed.event.type).toBe("ignored");
  });
});
