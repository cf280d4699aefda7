// The six pay.toss.im endpoints over real HTTP: happy paths, the envelope, and the documented
// errors (docs/providers.md §1).
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { TOSS_PAY_PUBLIC_TEST_KEY } from "@/lib/payments/toss-pay/config";
import { billingKeys, charges } from "@/lib/sandbox/toss-pay/schema";
import {
  type Sandbox,
  activeKey,
  billBody,
  createBody,
  newApiKey,
  startSandbox,
  submitCheckout,
  tokenOf,
  uniqueId,
} from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

describe("POST /api/v1/billing-key", () => {
  it("creates a CREATE key with three checkout links into the sandbox's app screen", async () => {
    const apiKey = newApiKey();
    const body = createBody(apiKey, { displayId: "plan-basic" });
    const { status, body: res } = await sandbox.post("/api/v1/billing-key", body);
    expect(status).toBe(200);
    expect(res).toMatchObject({ code: 0 });
    expect(res.billingKey).toMatch(/^[0-9A-Za-z]{22}$/);
    const token = tokenOf(res.checkoutUri);
    expect(res.checkoutUri).toBe(`${sandbox.base}/payfront/billing?token=${token}`);
    expect(res.checkoutAndroidUri).toBe(
      `${sandbox.base}/payfront/billing?token=${token}&platform=android`,
    );
    expect(res.checkoutIosUri).toBe(`${sandbox.base}/payfront/billing?token=${token}&platform=ios`);
    for (const uri of [res.checkoutUri, res.checkoutAndroidUri, res.checkoutIosUri]) {
      expect((uri as string).length).toBeLessThanOrEqual(255);
    }
    // The billing key is a secret of the merchant's server; the browser link carries a token.
    expect(res.checkoutUri).not.toContain(res.billingKey);

    const [row] = await db()
      .select()
      .from(billingKeys)
      .where(eq(billingKeys.billingKey, res.billingKey as string));
    expect(row).toMatchObject({
      status: "CREATE",
      apiKey,
      userId: body.userId,
      displayId: "plan-basic",
    });
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(15 * 60 * 1000);
  });

  it.each([
    ["userId with a space", { userId: "user 1" }, "userId"],
    ["userId over 50 chars", { userId: "u".repeat(51) }, "userId"],
    ["Korean displayId", { displayId: "테스트777" }, "displayId"],
    ["missing productDesc", { productDesc: undefined }, "productDesc"],
    ["productDesc over 255", { productDesc: "가".repeat(256) }, "productDesc"],
    [
      "callback on port 8080",
      { resultCallback: "https://shop.example.com:8080/cb" },
      "resultCallback",
    ],
    ["callback that is not a URL", { resultCallback: "shop/callback" }, "resultCallback"],
    // The sandbox POSTs from the app's own server: only allowed origins (here the test's own
    // receivers), never a port on the server's loopback or another host.
    [
      "callback to a database port on loopback",
      { resultCallback: "http://127.0.0.1:5432/" },
      "resultCallback",
    ],
    [
      "callback to another host",
      { resultCallback: "https://attacker.example/cb" },
      "resultCallback",
    ],
    [
      "callback with credentials in the URL",
      { resultCallback: "http://user:pw@localhost:9/cb" },
      "resultCallback",
    ],
    ["no return URLs and no app scheme", { returnSuccessUrl: undefined }, "returnSuccessUrl"],
    [
      "javascript: app scheme",
      { retAppScheme: "javascript://alert(1)", returnSuccessUrl: undefined },
      "retAppScheme",
    ],
  ])(
    "refuses %s with 400 COMMON_INVALID_PARAMETER naming the field",
    async (_name, change, field) => {
      const { status, body } = await sandbox.post(
        "/api/v1/billing-key",
        createBody(newApiKey(), change),
      );
      expect(status).toBe(400);
      expect(body).toMatchObject({ code: -1, errorCode: "COMMON_INVALID_PARAMETER" });
      expect(body.msg).toMatch(new RegExp(`^${field}: `));
      expect((body.msg as string).length).toBeLessThanOrEqual(120);
    },
  );

  it("accepts an allowed loopback callback on any port (local development) and an app scheme without return URLs", async () => {
    const { body } = await sandbox.post(
      "/api/v1/billing-key",
      createBody(newApiKey(), {
        resultCallback: "http://localhost:9/api/payments/toss-pay/callback",
        retAppScheme: "testshop://",
        returnSuccessUrl: undefined,
        returnFailureUrl: undefined,
      }),
    );
    expect(body.code).toBe(0);
  });
});

describe("API keys", () => {
  it.each([
    ["a live key", TOSS_PAY_PUBLIC_TEST_KEY.replace("sk_test_", "sk_live_")],
    ["a key of another kind", "test_sk_zXLkKEypNArWmo50nX3l"],
    ["a test key over 30 chars", `sk_test_${"a".repeat(23)}`],
    ["no key", undefined],
  ])("refuses %s with 401 COMMON_INVALID_API_KEY", async (_name, apiKey) => {
    const { status, body } = await sandbox.post("/api/v1/billing-key", createBody("x", { apiKey }));
    expect(status).toBe(401);
    expect(body).toMatchObject({ code: -1, errorCode: "COMMON_INVALID_API_KEY" });
  });

  it("refuses a body that is not JSON", async () => {
    const { status, body } = await sandbox.post("/api/v2/status", "apiKey=sk_test_abc&orderNo=1");
    expect(status).toBe(400);
    expect(body.errorCode).toBe("COMMON_INVALID_PARAMETER");
  });

  it("answers only POST on API paths, and 404 JSON on unknown ones", async () => {
    expect((await sandbox.get("/api/v1/billing-key/bill")).status).toBe(405);
    const missing = await sandbox.post("/api/v1/billing-key/charge", { apiKey: newApiKey() });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(-1);
  });
});

describe("POST /api/v1/billing-key/status", () => {
  it("reports CREATE before approval and ACTIVE with the masked method after", async () => {
    const apiKey = newApiKey();
    const body = createBody(apiKey);
    const created = await sandbox.post("/api/v1/billing-key", body);
    const before = await sandbox.post("/api/v1/billing-key/status", {
      apiKey,
      userId: body.userId,
    });
    expect(before.body).toEqual({
      code: 0,
      userId: body.userId,
      billingKey: created.body.billingKey,
      status: "CREATE",
    });

    await submitCheckout(sandbox, "approve", {
      token: tokenOf(created.body.checkoutUri),
      method: "account:088",
      behavior: "normal",
    });
    const after = await sandbox.post("/api/v1/billing-key/status", { apiKey, userId: body.userId });
    expect(after.body).toEqual({
      code: 0,
      userId: body.userId,
      billingKey: created.body.billingKey,
      status: "ACTIVE",
      payMethod: "TOSS_MONEY",
      accountBankCode: "088",
      accountBankName: "신한은행",
      accountNumber: "110******676",
    });
  });

  it("finds a key made with a displayId only with that displayId, and not for another merchant", async () => {
    const apiKey = newApiKey();
    const { userId } = await activeKey(sandbox, apiKey, "card:1:normal", { displayId: "second" });
    const withId = await sandbox.post("/api/v1/billing-key/status", {
      apiKey,
      userId,
      displayId: "second",
    });
    expect(withId.body).toMatchObject({
      code: 0,
      displayId: "second",
      status: "ACTIVE",
      cardCompanyNo: 1,
    });

    const withoutId = await sandbox.post("/api/v1/billing-key/status", { apiKey, userId });
    expect(withoutId.status).toBe(404);
    expect(withoutId.body).toMatchObject({ code: -1, errorCode: "COMMON_BILLING_KEY_NOT_FOUND" });

    const otherMerchant = await sandbox.post("/api/v1/billing-key/status", {
      apiKey: newApiKey(),
      userId,
      displayId: "second",
    });
    expect(otherMerchant.body.errorCode).toBe("COMMON_BILLING_KEY_NOT_FOUND");
  });

  it("keeps reporting the ACTIVE key while a new registration for the same user is pending", async () => {
    const apiKey = newApiKey();
    const { billingKey, userId } = await activeKey(sandbox, apiKey, "card:1:normal");
    const pending = await sandbox.post("/api/v1/billing-key", createBody(apiKey, { userId }));
    const status = await sandbox.post("/api/v1/billing-key/status", { apiKey, userId });
    expect(status.body).toMatchObject({ billingKey, status: "ACTIVE" });

    await submitCheckout(sandbox, "approve", {
      token: tokenOf(pending.body.checkoutUri),
      method: "card:2",
      behavior: "normal",
    });
    const switched = await sandbox.post("/api/v1/billing-key/status", { apiKey, userId });
    expect(switched.body).toMatchObject({
      billingKey: pending.body.billingKey,
      status: "ACTIVE",
      cardCompanyNo: 2,
    });
  });
});

describe("POST /api/v1/billing-key/remove", () => {
  it("removes a key; charging it or removing it again is refused", async () => {
    const apiKey = newApiKey();
    const { billingKey, userId } = await activeKey(sandbox, apiKey);
    expect((await sandbox.post("/api/v1/billing-key/remove", { apiKey, billingKey })).body).toEqual(
      { code: 0 },
    );

    const status = await sandbox.post("/api/v1/billing-key/status", { apiKey, userId });
    expect(status.body).toMatchObject({ code: 0, billingKey, status: "REMOVE" });

    const again = await sandbox.post("/api/v1/billing-key/remove", { apiKey, billingKey });
    expect(again.status).toBe(404);
    expect(again.body.errorCode).toBe("COMMON_BILLING_KEY_NOT_FOUND");

    const bill = await sandbox.post("/api/v1/billing-key/bill", billBody(apiKey, billingKey));
    expect(bill.body).toMatchObject({ code: -1, errorCode: "COMMON_BILLING_KEY_NOT_FOUND" });
  });

  it("does not let a merchant remove another merchant's key", async () => {
    const owner = newApiKey();
    const { billingKey } = await activeKey(sandbox, owner);
    const res = await sandbox.post("/api/v1/billing-key/remove", {
      apiKey: newApiKey(),
      billingKey,
    });
    expect(res.status).toBe(404);
    const [row] = await db()
      .select()
      .from(billingKeys)
      .where(eq(billingKeys.billingKey, billingKey));
    expect(row?.status).toBe("ACTIVE");
  });
});

describe("POST /api/v1/billing-key/bill", () => {
  it("charges a card: TEST mode, 00000000, payToken, transactionId, receipt link, the VAT split", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "card:3:normal");
    const request = billBody(apiKey, billingKey, { amount: 55_000, spreadOut: 3 });
    const { status, body } = await sandbox.post("/api/v1/billing-key/bill", request);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: 0,
      mode: "TEST",
      orderNo: request.orderNo,
      amount: 55_000,
      paidAmount: 55_000,
      discountedAmount: 0,
      payMethod: "CARD",
      cardCompanyName: "삼성",
      cardCompanyCode: 3,
      cardAuthorizationNo: "00000000",
      cardMethodType: "CREDIT",
      cardUserType: "PERSONAL",
      spreadOut: 3,
      noInterest: false,
    });
    expect(typeof body.amount).toBe("number");
    expect(body.approvalTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect((body.payToken as string).length).toBeLessThanOrEqual(30);
    expect(body.transactionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.salesCheckLinkUrl).toBe(
      `${sandbox.base}/payfront/web/external/sales-check?payToken=${body.payToken}&transactionId=${body.transactionId}`,
    );

    const [row] = await db()
      .select()
      .from(charges)
      .where(eq(charges.payToken, body.payToken as string));
    expect(row).toMatchObject({
      amountTaxable: 50_000,
      amountVat: 5_000,
      amountTaxFree: 0,
      payStatus: "PAY_COMPLETE",
    });

    const receipt = await fetch(body.salesCheckLinkUrl as string);
    expect(receipt.status).toBe(200);
    const page = await receipt.text();
    expect(page).toContain("55,000원");
    expect(page).toContain("00000000");
    expect(page).toContain("3개월");
  });

  it("charges an account (TOSS_MONEY) with the account fields and no receipt", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "account:888:normal");
    const { body } = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, { amount: 50 }),
    );
    expect(body).toMatchObject({
      code: 0,
      payMethod: "TOSS_MONEY",
      amount: 50,
      accountBankCode: "888",
      accountBankName: "토스머니",
      accountNumber: "토스머니",
    });
    expect(body.salesCheckLinkUrl).toBeUndefined();
    expect(body.cardAuthorizationNo).toBeUndefined();
  });

  it("treats instalments under ₩50,000 as a lump sum and refuses them on a check card", async () => {
    const apiKey = newApiKey();
    const credit = await activeKey(sandbox, apiKey, "card:1:normal");
    const small = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, credit.billingKey, { spreadOut: 6 }),
    );
    expect(small.body).toMatchObject({ code: 0, spreadOut: 0 });

    const check = await activeKey(sandbox, apiKey, "card:4:normal"); // KB국민 is a check card here
    const big = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, check.billingKey, { amount: 60_000, spreadOut: 2 }),
    );
    expect(big.body).toMatchObject({ code: -1, errorCode: "CARD_SPREADOUT_ERROR" });
  });

  it("refuses a card charge under ₩100 with CARD_MIN_AMOUNT_ERROR and records nothing", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "card:5:normal");
    const request = billBody(apiKey, billingKey, { amount: 99 });
    const { body } = await sandbox.post("/api/v1/billing-key/bill", request);
    expect(body).toMatchObject({
      code: -1,
      errorCode: "CARD_MIN_AMOUNT_ERROR",
      orderNo: request.orderNo,
    });
    expect(
      await db()
        .select()
        .from(charges)
        .where(eq(charges.orderNo, request.orderNo as string)),
    ).toEqual([]);
  });

  it.each([
    ["amount as a string", { amount: "9900" }, "amount"],
    ["amount with decimals", { amount: 99.5 }, "amount"],
    ["amount over ₩9,999,999", { amount: 10_000_000 }, "amount"],
    ["missing amountTaxFree", { amountTaxFree: undefined }, "amountTaxFree"],
    ["orderNo with a slash", { orderNo: "order/1" }, "orderNo"],
    ["orderNo over 50", { orderNo: "o".repeat(51) }, "orderNo"],
    ["spreadOut 13", { spreadOut: 13 }, "spreadOut"],
    ["cashReceipt as a string", { cashReceipt: "true" }, "cashReceipt"],
    [
      "unknown cashReceiptTradeOption",
      { cashReceiptTradeOption: "FOOD" },
      "cashReceiptTradeOption",
    ],
    ["parts that do not add up", { amountTaxable: 9_000, amountVat: 1_000 }, undefined],
  ])("refuses %s with 400", async (_name, change, field) => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey);
    const { status, body } = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, change),
    );
    expect(status).toBe(400);
    expect(body.errorCode).toBe("COMMON_INVALID_PARAMETER");
    if (field) expect(body.msg).toMatch(new RegExp(`^${field}: `));
  });

  it("refuses unknown keys, keys of other merchants, and keys that are not ACTIVE", async () => {
    const apiKey = newApiKey();
    const unknown = await sandbox.post("/api/v1/billing-key/bill", billBody(apiKey, "no-such-key"));
    expect(unknown.status).toBe(404);
    expect(unknown.body.errorCode).toBe("COMMON_BILLING_KEY_NOT_FOUND");

    const { billingKey } = await activeKey(sandbox, apiKey);
    const foreign = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(newApiKey(), billingKey),
    );
    expect(foreign.body.errorCode).toBe("COMMON_BILLING_KEY_NOT_FOUND");

    const pending = await sandbox.post("/api/v1/billing-key", createBody(apiKey));
    const notYet = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, pending.body.billingKey),
    );
    expect(notYet.body).toMatchObject({ code: -1, errorCode: "BILLING_KEY_AUTH_ERROR" });

    const cancelled = await sandbox.post("/api/v1/billing-key", createBody(apiKey));
    await submitCheckout(sandbox, "cancel", { token: tokenOf(cancelled.body.checkoutUri) });
    const afterCancel = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, cancelled.body.billingKey),
    );
    expect(afterCancel.body).toMatchObject({
      code: -1,
      errorCode: "BILLING_KEY_REGISTRATION_CANCELLED",
    });
  });

  it.each([
    ["card:1:insufficient", "CARD_NOT_ENOUGH_BALANCE"],
    ["card:2:limit", "CARD_EXCEED_LIMIT"],
    ["card:6:suspended", "CARD_NOT_AVAILABLE"],
    ["account:088:insufficient", "COMMON_NOT_ENOUGH_CASH"],
    ["account:888:limit", "COMMON_EXCEED_LIMIT"],
    ["account:090:suspended", "INVALID_ACCOUNT_STATUS"],
  ])(
    "declines with %s → %s; the decline is recorded and its orderNo used up",
    async (instrument, errorCode) => {
      const apiKey = newApiKey();
      const { billingKey } = await activeKey(sandbox, apiKey, instrument);
      const request = billBody(apiKey, billingKey);
      const { status, body } = await sandbox.post("/api/v1/billing-key/bill", request);
      expect(status).toBe(200);
      expect(body).toMatchObject({ code: -1, errorCode, mode: "TEST", orderNo: request.orderNo });
      expect(typeof body.msg).toBe("string");

      const lookup = await sandbox.post("/api/v2/status", { apiKey, orderNo: request.orderNo });
      expect(lookup.body).toMatchObject({
        code: 0,
        payStatus: "PAY_CANCEL",
        paidAmount: 0,
        refundableAmount: 0,
        transactions: [],
      });
      const again = await sandbox.post("/api/v1/billing-key/bill", request);
      expect(again.body.errorCode).toBe("PAYMENT_DUPLICATION_ORDER_NO");
    },
  );

  it("sends the failure push at most once an hour per key, and never with sendFailPush false", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "card:1:insufficient");
    const quiet = billBody(apiKey, billingKey, { sendFailPush: false });
    const first = billBody(apiKey, billingKey);
    const second = billBody(apiKey, billingKey);
    for (const request of [quiet, first, second])
      await sandbox.post("/api/v1/billing-key/bill", request);
    const rows = await db().select().from(charges).where(eq(charges.billingKey, billingKey));
    const pushed = Object.fromEntries(rows.map((r) => [r.orderNo, r.failPushSent]));
    expect(pushed).toEqual({
      [quiet.orderNo]: false,
      [first.orderNo]: true,
      [second.orderNo]: false,
    });
  });
});

describe("POST /api/v2/status", () => {
  it("finds a charge by orderNo or payToken with payStatus, card object and transactions", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "card:10:normal");
    const bill = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, { amount: 20_000 }),
    );
    const byOrder = await sandbox.post("/api/v2/status", { apiKey, orderNo: bill.body.orderNo });
    const byToken = await sandbox.post("/api/v2/status", { apiKey, payToken: bill.body.payToken });
    expect(byToken.body).toEqual(byOrder.body);
    expect(byOrder.body).toMatchObject({
      code: 0,
      mode: "TEST",
      payToken: bill.body.payToken,
      orderNo: bill.body.orderNo,
      payStatus: "PAY_COMPLETE",
      payMethod: "CARD",
      amount: 20_000,
      paidAmount: 20_000,
      refundableAmount: 20_000,
      amountTaxFree: 0,
      card: {
        cardCompanyCode: 10,
        cardCompanyName: "비씨",
        cardAuthorizationNo: "00000000",
        salesCheckLinkUrl: bill.body.salesCheckLinkUrl,
      },
      transactions: [
        {
          stepType: "PAY",
          transactionId: bill.body.transactionId,
          transactionAmount: 20_000,
          paidAmount: 20_000,
        },
      ],
    });
  });

  it("answers an unknown order with code -1 TRANSACTION_NOT_FOUND, also for another merchant's order", async () => {
    const apiKey = newApiKey();
    const unknown = await sandbox.post("/api/v2/status", { apiKey, orderNo: uniqueId("never") });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: -1, errorCode: "TRANSACTION_NOT_FOUND" });

    const { billingKey } = await activeKey(sandbox, apiKey);
    const bill = await sandbox.post("/api/v1/billing-key/bill", billBody(apiKey, billingKey));
    const foreign = await sandbox.post("/api/v2/status", {
      apiKey: newApiKey(),
      orderNo: bill.body.orderNo,
    });
    expect(foreign.body.errorCode).toBe("TRANSACTION_NOT_FOUND");
  });

  it("needs a payToken or an orderNo", async () => {
    const { status, body } = await sandbox.post("/api/v2/status", { apiKey: newApiKey() });
    expect(status).toBe(400);
    expect(body.msg).toContain("payToken 또는 orderNo");
  });
});

describe("POST /_sandbox/keys (test shortcut)", () => {
  it("creates an ACTIVE key without the app screen, chargeable at once", async () => {
    const apiKey = newApiKey();
    const created = await sandbox.post("/_sandbox/keys", {
      apiKey,
      userId: uniqueId("bench"),
      instrument: "card:7:normal",
    });
    expect(created.body).toMatchObject({
      code: 0,
      status: "ACTIVE",
      payMethod: "CARD",
      cardCompanyNo: 7,
    });
    const bill = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, created.body.billingKey),
    );
    expect(bill.body.code).toBe(0);
  });
});
