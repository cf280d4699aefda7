import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  billingKeyCallback,
  billingKeyStatusRequest,
  billingKeyStatusResponse,
  billRequest,
  billResponse,
  createBillingKeyRequest,
  createBillingKeyResponse,
  describeIssues,
  envelope,
  parseTossTime,
  paymentStatusRequest,
  paymentStatusResponse,
  refundRequest,
  refundResponse,
  removeBillingKeyRequest,
  toRefundReason,
} from "@/lib/payments/toss-pay/schemas";
import {
  billExample,
  billExampleTossdev,
  billRequestExample,
  callbackExample,
  createBillingKeyExample,
  createBillingKeyRequestExample,
  fromDocs,
  removeExample,
  statusAccountExample,
  statusCardExample,
} from "./seed-examples";

const apiKey = "sk_test_w5lNQylNqa5lNQe013Nq";

/** The precise message for an invalid value, or "ok". */
function check(schema: z.ZodType, value: unknown): string {
  const result = schema.safeParse(value);
  return result.success ? "ok" : describeIssues(result.error);
}

const validBill = {
  apiKey,
  billingKey: "bk_1",
  orderNo: "sub_1_p1_a1",
  productDesc: "월간 구독",
  amount: 9900,
  amountTaxFree: 0,
};

const validCreate = {
  apiKey,
  userId: "cus_0123456789abcdef",
  productDesc: "월간 구독 결제수단 등록",
  resultCallback: "https://shop.example/api/payments/toss-pay/callback",
  returnSuccessUrl: "https://shop.example/billing/success",
  returnFailureUrl: "https://shop.example/billing/fail",
};

describe("request validation", () => {
  it("accepts the documentation's own create request", () => {
    expect(check(createBillingKeyRequest, createBillingKeyRequestExample)).toBe("ok");
    expect(check(createBillingKeyRequest, validCreate)).toBe("ok");
  });

  it("rejects the documentation's bill example: instalments under ₩50,000 are never sent", () => {
    // Toss itself would silently turn spreadOut 7 on ₩10,000 into a lump sum; we do not ask
    // for what cannot happen.
    expect(check(billRequest, billRequestExample)).toBe(
      "spreadOut (instalments) needs an amount of at least ₩50,000; send 0 for a lump sum",
    );
    expect(check(billRequest, { ...billRequestExample, spreadOut: 0 })).toBe("ok");
    expect(check(billRequest, { ...billRequestExample, amount: 50_000 })).toBe("ok");
  });

  it.each([
    ["orderNo", "a".repeat(50), "ok"],
    ["orderNo", "a".repeat(51), "orderNo must be at most 50 characters"],
    ["orderNo", "", "orderNo is required"],
    ["orderNo", "A-z_0:9.^@=", "ok"],
    ["orderNo", "order#1", "orderNo may contain only letters, digits and _ - : . ^ @ ="],
    ["orderNo", "주문1", "orderNo may contain only letters, digits and _ - : . ^ @ ="],
    ["orderNo", "order 1", "orderNo may contain only letters, digits and _ - : . ^ @ ="],
    ["billingKey", "k".repeat(51), "billingKey must be at most 50 characters"],
    ["apiKey", "k".repeat(31), "apiKey must be at most 30 characters"],
    ["productDesc", "가".repeat(255), "ok"],
    ["productDesc", "가".repeat(256), "productDesc must be at most 255 characters"],
    ["amount", 100, "ok"],
    ["amount", 99, "amount must be at least ₩100"],
    ["amount", 9_999_999, "ok"],
    ["amount", 10_000_000, "amount must be at most ₩9,999,999"],
    ["amount", 9900.5, "amount must be an integer number of won"],
    ["amount", "9900", "amount must be a number of won"],
    ["amountTaxFree", -1, "amountTaxFree must be at least ₩0"],
    ["amountTaxFree", 9901, "amountTaxFree cannot exceed amount"],
    ["amountVat", 900, "ok"],
    [
      "spreadOut",
      13,
      "spreadOut must be between 0 and 12 months; spreadOut (instalments) needs an amount of at least ₩50,000; send 0 for a lump sum",
    ],
    ["cashReceipt", null, "cashReceipt must be true or false"],
    ["cashReceiptTradeOption", "CULTURE", "ok"],
    [
      "cashReceiptTradeOption",
      "OTHER",
      "cashReceiptTradeOption must be GENERAL, CULTURE or PUBLIC_TP",
    ],
    ["unexpected", 1, 'Unrecognized key: "unexpected"'],
  ])("bill %s = %j → %s", (field, value, expected) => {
    expect(check(billRequest, { ...validBill, [field]: value })).toBe(expected);
  });

  it("needs instalments of at least ₩50,000", () => {
    expect(check(billRequest, { ...validBill, amount: 49_999, spreadOut: 3 })).toBe(
      "spreadOut (instalments) needs an amount of at least ₩50,000; send 0 for a lump sum",
    );
    expect(check(billRequest, { ...validBill, amount: 50_000, spreadOut: 3 })).toBe("ok");
  });

  it.each([
    ["userId", "u".repeat(50), "ok"],
    ["userId", "u".repeat(51), "userId must be at most 50 characters"],
    ["userId", "user@example.com", "ok"],
    ["userId", "user+1", "userId may contain only letters, digits and _ - : . ^ @ ="],
    ["displayId", "TEST_SERVICE_1", "ok"],
    ["displayId", "테스트777", "displayId may contain only letters, digits and _ - : . ^ @ ="],
    ["displayId", "d".repeat(51), "displayId must be at most 50 characters"],
    ["productDesc", "p".repeat(256), "productDesc must be at most 255 characters"],
    [
      "resultCallback",
      `https://shop.example/${"c".repeat(480)}`,
      "resultCallback must be at most 500 characters",
    ],
    ["resultCallback", "not a url", "resultCallback must be an http(s) URL"],
    ["resultCallback", "javascript:alert(1)", "resultCallback must be an http(s) URL"],
    [
      "returnSuccessUrl",
      `https://shop.example/${"s".repeat(1480)}`,
      "returnSuccessUrl must be at most 1500 characters",
    ],
    ["returnFailureUrl", `https://shop.example/${"f".repeat(1479)}`, "ok"],
    ["encryptedUserCi", "c".repeat(256), "encryptedUserCi must be at most 255 characters"],
  ])("create %s = %j → %s", (field, value, expected) => {
    expect(check(createBillingKeyRequest, { ...validCreate, [field]: value })).toBe(expected);
  });

  it("needs both return URLs unless an app scheme is sent", () => {
    const { returnFailureUrl: _drop, ...withoutFailure } = validCreate;
    expect(check(createBillingKeyRequest, withoutFailure)).toBe(
      "returnFailureUrl is required when retAppScheme is not sent",
    );
    expect(check(createBillingKeyRequest, { ...withoutFailure, retAppScheme: "testshop://" })).toBe(
      "ok",
    );
  });

  it("validates status, remove and payment status requests", () => {
    expect(check(billingKeyStatusRequest, { apiKey, userId: "TOSS-TEST-1" })).toBe("ok");
    expect(check(billingKeyStatusRequest, { apiKey })).toBe("userId must be a string");
    expect(check(removeBillingKeyRequest, { apiKey, billingKey: "" })).toBe(
      "billingKey is required",
    );
    expect(check(paymentStatusRequest, { apiKey, orderNo: "sub_1_p1_a1" })).toBe("ok");
    expect(check(paymentStatusRequest, { apiKey, payToken: "tok" })).toBe("ok");
    expect(check(paymentStatusRequest, { apiKey })).toBe(
      "orderNo: send exactly one of payToken or orderNo",
    );
    expect(check(paymentStatusRequest, { apiKey, payToken: "tok", orderNo: "o1" })).toBe(
      "orderNo: send exactly one of payToken or orderNo",
    );
  });

  it.each([
    ["refundNo", "r".repeat(36), "ok"],
    ["refundNo", "r".repeat(37), "refundNo must be at most 36 characters"],
    ["refundNo", "refund:1", "refundNo may contain only letters, digits, _ and -"],
    ["reason", "고객 요청(중복 결제) #1 / 50% 환불?", "ok"],
    [
      "reason",
      'customer said: "no"',
      "reason may contain only Korean, letters, digits, spaces and _ - : . ^ @ ( ) [ ] # / ! % ? &",
    ],
    ["reason", "가".repeat(256), "reason must be at most 255 characters"],
    ["amount", 0, "amount must be at least ₩1"],
    ["amount", 2000, "ok"],
    ["amountTaxFree", 3000, "amountTaxFree cannot exceed amount"],
    ["idempotent", "true", "idempotent must be true or false"],
  ])("refund %s = %j → %s", (field, value, expected) => {
    const valid = { apiKey, payToken: "tok", refundNo: "rf_1", idempotent: true, amount: 2000 };
    expect(check(refundRequest, { ...valid, [field]: value })).toBe(expected);
  });

  it("turns any admin-typed reason into one Toss accepts", () => {
    expect(toRefundReason('고객 요청: "중복" 결제, 환불\n처리')).toBe(
      "고객 요청: 중복 결제 환불 처리",
    );
    expect(toRefundReason("😀")).toBeUndefined();
    expect(toRefundReason("가".repeat(300))).toHaveLength(255);
    expect(
      check(refundRequest, {
        apiKey,
        payToken: "tok",
        refundNo: "rf_1",
        idempotent: true,
        reason: toRefundReason("Refund, per customer's e-mail <a@b.c>"),
      }),
    ).toBe("ok");
  });
});

describe("response parsing", () => {
  it("parses the documented create answer", () => {
    const body = createBillingKeyResponse.parse(fromDocs(createBillingKeyExample));
    expect(body.billingKey).toBe("example-billingKey");
    expect(body.checkoutAndroidUri).toMatch(/^intent:\/\//);
    expect(body.checkoutIosUri).toMatch(/^https:\/\/ul\.toss\.im/);
  });

  it("parses both printed bill answers, with money sent as strings", () => {
    const docsPay = billResponse.parse(fromDocs(billExample));
    expect(docsPay).toMatchObject({
      mode: "TEST",
      amount: 150_000,
      paidAmount: 150_000,
      discountedAmount: 0,
      payToken: "example-payToken",
      cardCompanyCode: "5",
      cardAuthorizationNo: "00000000",
      spreadOut: 0,
      noInterest: false,
    });
    const tossdev = billResponse.parse(fromDocs(billExampleTossdev));
    expect(tossdev.amount).toBe(150_000);
    expect(tossdev.paidAmount).toBe(15_000);
  });

  it("tolerates added fields, nulls and numbers where strings are documented", () => {
    const body = billResponse.parse({
      code: 0,
      payToken: "t",
      amount: 9900,
      addedByTossLater: { anything: true },
      cardCompanyName: null,
      accountBankCode: 88,
    });
    expect(body.amount).toBe(9900);
    expect(body.cardCompanyName).toBeUndefined();
    expect(body.accountBankCode).toBe("088");
    expect((body as Record<string, unknown>).addedByTossLater).toEqual({ anything: true });
  });

  it("refuses money that is not a whole number", () => {
    expect(billResponse.safeParse({ code: 0, payToken: "t", amount: "9,900" }).success).toBe(false);
    expect(billResponse.safeParse({ code: 0, payToken: "t", amount: 99.5 }).success).toBe(false);
  });

  it("parses the documented status answers and pads bank codes to three digits", () => {
    const card = billingKeyStatusResponse.parse(fromDocs(statusCardExample));
    expect(card).toMatchObject({ status: "ACTIVE", cardCompanyNo: "7", displayId: "테스트777" });
    const account = billingKeyStatusResponse.parse(fromDocs(statusAccountExample));
    expect(account.accountBankCode).toBe("088");
    const callback = billingKeyCallback.parse(fromDocs(callbackExample));
    expect(callback.accountBankCode).toBe("088");
    expect(callback.processedTs).toBe("2020-04-01 12:34:11");
  });

  it("parses the envelope, including code sent as a string", () => {
    expect(envelope.parse(fromDocs(removeExample)).code).toBe(0);
    expect(envelope.parse({ code: "-1", errorCode: "X", msg: "m" })).toMatchObject({
      code: -1,
      errorCode: "X",
    });
    expect(envelope.safeParse({ errorCode: "X" }).success).toBe(false);
  });

  it("parses refunds (negative amounts) and payment status with transactions", () => {
    const refund = refundResponse.parse({
      code: 0,
      refundNo: "rf_1",
      refundedAmount: "-2000",
      refundableAmount: 7900,
      approvalTime: "2024-01-02 03:04:05",
    });
    expect(refund.refundedAmount).toBe(-2000);
    const status = paymentStatusResponse.parse({
      code: 0,
      payStatus: "REFUND_SUCCESS",
      amount: "9900",
      card: { cardCompanyCode: 4, salesCheckLinkUrl: "https://r" },
      transactions: [
        {
          stepType: "PAY",
          transactionId: "t1",
          transactionAmount: 9900,
          regTs: "2024-01-02 03:04:05",
        },
        { stepType: "REFUND", transactionId: "t2", transactionAmount: "-2000" },
      ],
    });
    expect(status.transactions?.[1]?.transactionAmount).toBe(-2000);
    expect(status.card?.cardCompanyCode).toBe("4");
  });

  it("reads Toss times as Korean time", () => {
    expect(parseTossTime("2020-04-06 11:28:09")?.toISOString()).toBe("2020-04-06T02:28:09.000Z");
    expect(parseTossTime("yesterday")).toBeNull();
    expect(parseTossTime(undefined)).toBeNull();
  });
});
