// Charges and refunds under the conditions that cause double charges: concurrent duplicates,
// replays, partial refunds racing each other, a charge whose answer comes too late, and the
// ledger that shows what happened.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { charges, refunds } from "@/lib/sandbox/toss-pay/schema";
import {
  type Json,
  type Sandbox,
  activeKey,
  billBody,
  newApiKey,
  startSandbox,
  uniqueId,
} from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

async function paidCharge(amount = 10_000, instrument = "card:1:normal") {
  const apiKey = newApiKey();
  const { billingKey, userId } = await activeKey(sandbox, apiKey, instrument);
  const bill = await sandbox.post(
    "/api/v1/billing-key/bill",
    billBody(apiKey, billingKey, { amount }),
  );
  expect(bill.body.code).toBe(0);
  return {
    apiKey,
    billingKey,
    userId,
    payToken: bill.body.payToken as string,
    orderNo: bill.body.orderNo as string,
  };
}

describe("orderNo is unique per merchant", () => {
  it("10 concurrent bills with one orderNo make exactly one charge", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey);
    const request = billBody(apiKey, billingKey);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => sandbox.post("/api/v1/billing-key/bill", request)),
    );
    expect(answers.filter((a) => a.body.code === 0)).toHaveLength(1);
    expect(answers.filter((a) => a.body.errorCode === "PAYMENT_DUPLICATION_ORDER_NO")).toHaveLength(
      9,
    );
    const rows = await db()
      .select()
      .from(charges)
      .where(and(eq(charges.apiKey, apiKey), eq(charges.orderNo, request.orderNo as string)));
    expect(rows).toHaveLength(1);
  });

  it("also across the merchant's billing keys, but not across merchants", async () => {
    const apiKey = newApiKey();
    const first = await activeKey(sandbox, apiKey, "card:1:normal");
    const second = await activeKey(sandbox, apiKey, "card:2:normal");
    const orderNo = uniqueId("shared");
    const [a, b] = await Promise.all([
      sandbox.post("/api/v1/billing-key/bill", billBody(apiKey, first.billingKey, { orderNo })),
      sandbox.post("/api/v1/billing-key/bill", billBody(apiKey, second.billingKey, { orderNo })),
    ]);
    expect([a.body.code, b.body.code].sort()).toEqual([-1, 0]);

    const otherMerchant = newApiKey();
    const theirs = await activeKey(sandbox, otherMerchant);
    const c = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(otherMerchant, theirs.billingKey, { orderNo }),
    );
    expect(c.body.code).toBe(0);
  });
});

describe("refunds", () => {
  it("partial, replayed, duplicated, too large, then the rest, then nothing left", async () => {
    const { apiKey, payToken, orderNo } = await paidCharge(10_000);
    const refund = (body: Json) => sandbox.post("/api/v2/refunds", { apiKey, payToken, ...body });

    const partial = await refund({
      refundNo: "r-1",
      amount: 3_000,
      reason: "고객 요청 (부분 환불)",
    });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({
      code: 0,
      refundNo: "r-1",
      payToken,
      refundedAmount: -3_000,
      refundedPaidAmount: -3_000,
      refundableAmount: 7_000,
      paidAmount: 7_000,
      refundedDiscountAmount: 0,
      discountedAmount: 0,
      cardNumber: expect.any(String),
    });
    expect(partial.body.approvalTime).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

    // The same request again: the same success, no second refund (idempotent defaults to true).
    const replay = await refund({
      refundNo: "r-1",
      amount: 3_000,
      reason: "고객 요청 (부분 환불)",
    });
    expect(replay.body).toEqual(partial.body);
    // Explicitly not idempotent, or a different amount under the same refundNo: refused.
    expect(
      (await refund({ refundNo: "r-1", amount: 3_000, idempotent: false })).body.errorCode,
    ).toBe("REFUND_REFUND_NO_DUPLICATE");
    expect((await refund({ refundNo: "r-1", amount: 2_000 })).body.errorCode).toBe(
      "REFUND_REFUND_NO_DUPLICATE",
    );

    const tooMuch = await refund({ refundNo: "r-2", amount: 7_001 });
    expect(tooMuch.body).toMatchObject({ code: -1, errorCode: "COMMON_REFUND_ERROR" });

    const rest = await refund({ refundNo: "r-3" });
    expect(rest.body).toMatchObject({
      code: 0,
      refundedAmount: -7_000,
      refundableAmount: 0,
      paidAmount: 0,
    });
    const nothingLeft = await refund({ refundNo: "r-4", amount: 1 });
    expect(nothingLeft.body).toMatchObject({ code: -1, errorCode: "REFUND_ALREADY_REFUNDED" });

    const status = await sandbox.post("/api/v2/status", { apiKey, orderNo });
    expect(status.body).toMatchObject({
      payStatus: "REFUND_SUCCESS",
      amount: 10_000,
      paidAmount: 0,
      refundableAmount: 0,
    });
    expect(
      (status.body.transactions as Json[]).map((t): unknown[] => [t.stepType, t.transactionAmount]),
    ).toEqual([
      ["PAY", 10_000],
      ["REFUND", -3_000],
      ["REFUND", -7_000],
    ]);
    expect(status.body.transactions[1].transactionId).toBe(partial.body.transactionId);
  });

  it("refunds an account payment with the account fields", async () => {
    const { apiKey, payToken } = await paidCharge(5_000, "account:088:normal");
    const res = await sandbox.post("/api/v2/refunds", {
      apiKey,
      payToken,
      refundNo: uniqueId("r"),
    });
    expect(res.body).toMatchObject({ code: 0, refundedAmount: -5_000, accountBankCode: "088" });
    expect(res.body.salesCheckLinkUrl).toBeUndefined();
  });

  it("needs a refundNo and a known payToken of this merchant; declined charges cannot be refunded", async () => {
    const { apiKey, payToken } = await paidCharge();
    const missing = await sandbox.post("/api/v2/refunds", { apiKey, payToken });
    expect(missing.status).toBe(400);
    expect(missing.body.msg).toMatch(/^refundNo: /);

    const foreign = await sandbox.post("/api/v2/refunds", {
      apiKey: newApiKey(),
      payToken,
      refundNo: "x1",
    });
    expect(foreign.status).toBe(404);
    expect(foreign.body.errorCode).toBe("TRANSACTION_NOT_FOUND");

    const declinedKey = await activeKey(sandbox, apiKey, "card:8:limit");
    const declined = billBody(apiKey, declinedKey.billingKey);
    await sandbox.post("/api/v1/billing-key/bill", declined);
    const lookup = await sandbox.post("/api/v2/status", { apiKey, orderNo: declined.orderNo });
    const refund = await sandbox.post("/api/v2/refunds", {
      apiKey,
      payToken: lookup.body.payToken,
      refundNo: uniqueId("r"),
    });
    expect(refund.body).toMatchObject({ code: -1, errorCode: "COMMON_REFUND_ERROR" });
  });

  it("concurrent partial refunds never exceed the amount", async () => {
    const { apiKey, payToken } = await paidCharge(10_000);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        sandbox.post("/api/v2/refunds", { apiKey, payToken, refundNo: `par-${i}`, amount: 3_000 }),
      ),
    );
    expect(answers.filter((a) => a.body.code === 0)).toHaveLength(3);
    expect(answers.filter((a) => a.body.errorCode === "COMMON_REFUND_ERROR")).toHaveLength(2);
    const [row] = await db().select().from(charges).where(eq(charges.payToken, payToken));
    expect(row?.refundedAmount).toBe(9_000);
  });

  it("concurrent replays of one refundNo refund once and all get the same answer", async () => {
    const { apiKey, payToken } = await paidCharge(10_000);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        sandbox.post("/api/v2/refunds", { apiKey, payToken, refundNo: "same-1", amount: 1_000 }),
      ),
    );
    expect(answers.map((a) => a.body)).toEqual(answers.map(() => answers[0]?.body));
    expect(answers[0]?.body.code).toBe(0);
    const [charge] = await db().select().from(charges).where(eq(charges.payToken, payToken));
    expect(await db().select().from(refunds).where(eq(refunds.chargeId, charge!.id))).toHaveLength(
      1,
    );
  });

  it("no refunds once settled (a year after approval)", async () => {
    const { apiKey, payToken, orderNo } = await paidCharge();
    const nextYear = await startSandbox({
      now: () => new Date(Date.now() + 366 * 24 * 60 * 60 * 1000),
    });
    const status = await nextYear.post("/api/v2/status", { apiKey, orderNo });
    expect(status.body).toMatchObject({ payStatus: "SETTLEMENT_COMPLETE", refundableAmount: 0 });
    const refund = await nextYear.post("/api/v2/refunds", {
      apiKey,
      payToken,
      refundNo: uniqueId("r"),
    });
    expect(refund.body).toMatchObject({ code: -1, errorCode: "COMMON_REFUND_ERROR" });
  });
});

describe("a charge whose answer comes after the client's timeout", () => {
  it("is made: the client times out, then finds it with /api/v2/status", async () => {
    const apiKey = newApiKey();
    const { billingKey } = await activeKey(sandbox, apiKey, "card:1:slow");
    const request = billBody(apiKey, billingKey);
    const started = Date.now();
    await expect(
      fetch(`${sandbox.base}/api/v1/billing-key/bill`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
        signal: AbortSignal.timeout(1_000),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(5_000);

    const status = await sandbox.post("/api/v2/status", { apiKey, orderNo: request.orderNo });
    expect(status.body).toMatchObject({
      code: 0,
      payStatus: "PAY_COMPLETE",
      amount: request.amount,
    });
    // Sending the same orderNo again cannot charge twice.
    const retry = await sandbox.post("/api/v1/billing-key/bill", request);
    expect(retry.body.errorCode).toBe("PAYMENT_DUPLICATION_ORDER_NO");
  });
});

describe("the ledger", () => {
  it("lists every charge with its refunds and flags a key charged twice for the same thing", async () => {
    const apiKey = newApiKey();
    const { billingKey, userId } = await activeKey(sandbox, apiKey, "card:5:normal");
    const first = await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, { productDesc: "1월" }),
    );
    await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, { productDesc: "1월" }),
    );
    await sandbox.post(
      "/api/v1/billing-key/bill",
      billBody(apiKey, billingKey, { productDesc: "업그레이드", amount: 3_000 }),
    );
    await sandbox.post("/api/v2/refunds", {
      apiKey,
      payToken: first.body.payToken,
      refundNo: "led-1",
      amount: 500,
    });

    const ledger = (await (
      await sandbox.get(`/_sandbox/ledger?format=json&userId=${userId}`)
    ).json()) as Json;
    expect(ledger).toMatchObject({
      total: 3,
      approved: 3,
      declined: 0,
      paidAmount: 9_900 * 2 + 3_000 - 500,
    });
    const byDesc = (ledger.charges as Json[]).map((c): unknown[] => [
      c.productDesc,
      c.suspectedDuplicate,
    ]);
    expect(byDesc.sort()).toEqual([
      ["1월", true],
      ["1월", true],
      ["업그레이드", false],
    ]);
    const refunded = (ledger.charges as Json[]).find((c) => c.payToken === first.body.payToken);
    expect(refunded).toMatchObject({
      billingKey,
      payStatus: "REFUND_SUCCESS",
      refundedAmount: 500,
      refunds: [expect.objectContaining({ refundNo: "led-1", amount: 500 })],
    });

    // Filtering down to one order still shows that it has a twin.
    const one = (await (
      await sandbox.get(`/_sandbox/ledger?format=json&orderNo=${first.body.orderNo}`)
    ).json()) as Json;
    expect(one.charges).toEqual([expect.objectContaining({ suspectedDuplicate: true })]);

    const off = (await (
      await sandbox.get(`/_sandbox/ledger?format=json&userId=${userId}&duplicateWindowHours=0`)
    ).json()) as Json;
    expect((off.charges as Json[]).every((c) => c.suspectedDuplicate === false)).toBe(true);

    const page = await (await sandbox.get(`/_sandbox/ledger?userId=${userId}`)).text();
    expect(page).toContain("중복 결제 의심");
    expect(page).toContain("결제 원장");
    expect(page).not.toContain(billingKey); // masked on the page
  });
});
