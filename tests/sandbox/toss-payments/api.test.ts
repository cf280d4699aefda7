// The Toss Payments sandbox's API over HTTP: Basic auth, charge → lookup → cancel → delete,
// the documented failures, and what the ledger says afterwards.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Sandbox,
  basicAuth,
  billingPath,
  chargeBody,
  newSecretKey,
  startSandbox,
  toolsKey,
} from "./support";

let sandbox: Sandbox;
const amountsOf = (cancels: unknown) =>
  (cancels as { cancelAmount: number }[]).map((c) => c.cancelAmount);
beforeAll(async () => {
  sandbox = await startSandbox();
});

describe("authorization", () => {
  it("answers 401 UNAUTHORIZED_KEY to a live, malformed or missing key", async () => {
    const path = "/v1/payments/orders/order-123456";
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: basicAuth("live_sk_zXLkKEypNArWmo50nX3lmeaxYG5R") },
      { authorization: basicAuth("sk_test_w5lNQylNqa5lNQe013Nq") },
      // The secret key without its colon: a classic mistake (docs/providers.md §2.1).
      {
        authorization: `Basic ${Buffer.from("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R").toString("base64")}`,
      },
      { authorization: "Bearer test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R" },
    ]) {
      const answer = await sandbox.api("GET", path, { headers });
      expect(answer.status).toBe(401);
      expect(answer.body).toMatchObject({ code: "UNAUTHORIZED_KEY" });
      expect(typeof answer.body?.message).toBe("string");
    }
  });

  it("takes any test secret key, the widget kind included, as a merchant of its own", async () => {
    for (const secretKey of [newSecretKey(), "test_gsk_docs0000Ozh"]) {
      const answer = await sandbox.api("GET", "/v1/payments/orders/nothing-here", { secretKey });
      expect(answer.status).toBe(404);
      expect(answer.body).toMatchObject({ code: "NOT_FOUND_PAYMENT" });
    }
  });
});

describe("charge, look up, cancel, delete", () => {
  it("charges a card key and finds the payment by order id and by payment key", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    expect(billingKey).toMatch(/^[A-Za-z0-9_-]{43}=$/);
    const body = chargeBody(customerKey, { amount: 12_100, taxFreeAmount: 1_100 });
    const charged = await sandbox.api("POST", billingPath(billingKey), { secretKey, body });
    expect(charged.status).toBe(200);
    expect(charged.body).toMatchObject({
      type: "BILLING",
      status: "DONE",
      orderId: body.orderId,
      orderName: body.orderName,
      method: "카드",
      totalAmount: 12_100,
      balanceAmount: 12_100,
      taxFreeAmount: 1_100,
      vat: 1_000,
      suppliedAmount: 10_000,
      failure: null,
      cancels: null,
      transfer: null,
      card: {
        issuerCode: "41",
        acquirerCode: "41",
        number: "43301234****123*",
        cardType: "신용",
        ownerType: "개인",
        amount: 12_100,
      },
    });
    expect(charged.body?.approvedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00$/);
    const receipt = await fetch(charged.body?.receipt?.url as string);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain("12,100원");

    const byOrder = await sandbox.api(
      "GET",
      `/v1/payments/orders/${encodeURIComponent(body.orderId as string)}`,
      { secretKey },
    );
    expect(byOrder).toMatchObject({ status: 200, body: charged.body });
    const byKey = await sandbox.api("GET", `/v1/payments/${charged.body?.paymentKey}`, {
      secretKey,
    });
    expect(byKey).toMatchObject({ status: 200, body: charged.body });

    // Another merchant sees nothing of it.
    const stranger = await sandbox.api("GET", `/v1/payments/${charged.body?.paymentKey}`, {
      secretKey: newSecretKey(),
    });
    expect(stranger.status).toBe(404);
  });

  it("cancels partly, then fully, listing every cancel", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const charged = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey, { amount: 10_000 }),
    });
    const cancelPath = `/v1/payments/${charged.body?.paymentKey}/cancel`;
    const partial = await sandbox.api("POST", cancelPath, {
      secretKey,
      body: { cancelReason: "일부 환불", cancelAmount: 3_000 },
    });
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ status: "PARTIAL_CANCELED", balanceAmount: 7_000 });
    expect(partial.body?.cancels).toHaveLength(1);
    expect(partial.body?.cancels[0]).toMatchObject({
      cancelAmount: 3_000,
      cancelReason: "일부 환불",
      refundableAmount: 7_000,
      cancelStatus: "DONE",
    });

    const tooMuch = await sandbox.api("POST", cancelPath, {
      secretKey,
      body: { cancelReason: "너무 많이", cancelAmount: 7_001 },
    });
    expect(tooMuch).toMatchObject({ status: 403, body: { code: "NOT_CANCELABLE_AMOUNT" } });

    const full = await sandbox.api("POST", cancelPath, {
      secretKey,
      body: { cancelReason: "전액 환불" },
    });
    expect(full.body).toMatchObject({ status: "CANCELED", balanceAmount: 0 });
    expect(amountsOf(full.body?.cancels)).toEqual([3_000, 7_000]);
    const again = await sandbox.api("POST", cancelPath, {
      secretKey,
      body: { cancelReason: "또" },
    });
    expect(again).toMatchObject({ status: 400, body: { code: "ALREADY_CANCELED_PAYMENT" } });

    const ledger = await sandbox.tools(
      "GET",
      `/_sandbox/ledger?secretKey=${encodeURIComponent(secretKey)}`,
    );
    expect(ledger.body?.payments).toHaveLength(1);
    expect(amountsOf(ledger.body?.cancels)).toEqual([3_000, 7_000]);
  });

  it("deletes a key with an empty 200; the key then charges no more", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const deleted = await sandbox.api("DELETE", billingPath(billingKey), { secretKey });
    expect(deleted).toMatchObject({ status: 200, body: null });
    const second = await sandbox.api("DELETE", billingPath(billingKey), { secretKey });
    expect(second).toMatchObject({ status: 404, body: { code: "NOT_FOUND_BILLING" } });
    const charge = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(charge).toMatchObject({ status: 400, body: { code: "INVALID_BILL_KEY_REQUEST" } });
  });
});

describe("documented refusals", () => {
  it("refuses an unknown key, another customer's key and another merchant's key", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const unknown = await sandbox.api("POST", billingPath("no-such-key="), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: "NOT_FOUND_BILLING" } });
    const mismatch = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody("someone-else"),
    });
    expect(mismatch).toMatchObject({ status: 400, body: { code: "NOT_MATCHES_CUSTOMER_KEY" } });
    const otherMerchant = await sandbox.api("POST", billingPath(billingKey), {
      secretKey: newSecretKey(),
      body: chargeBody(customerKey),
    });
    expect(otherMerchant).toMatchObject({ status: 404, body: { code: "NOT_FOUND_BILLING" } });
  });

  it("refuses a reused order id once approved, and breaks of the field rules", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey);
    expect((await sandbox.api("POST", billingPath(billingKey), { secretKey, body })).status).toBe(
      200,
    );
    const duplicate = await sandbox.api("POST", billingPath(billingKey), { secretKey, body });
    expect(duplicate).toMatchObject({ status: 400, body: { code: "DUPLICATED_ORDER_ID" } });

    const cases: [Record<string, unknown>, number, string][] = [
      [{ orderId: "short" }, 400, "INVALID_ORDER_ID"],
      [{ orderId: "has space 123" }, 400, "INVALID_ORDER_ID"],
      [{ orderName: "x".repeat(101) }, 400, "INVALID_ORDER_NAME"],
      [{ amount: 99 }, 400, "BELOW_MINIMUM_AMOUNT"],
      [{ amount: 0 }, 400, "BELOW_ZERO_AMOUNT"],
      [{ amount: 10.5 }, 400, "INVALID_REQUEST"],
      [{ amount: undefined }, 400, "INVALID_REQUIRED_PARAM"],
      [{ customerEmail: "not-an-email" }, 400, "INVALID_EMAIL"],
      [{ cardInstallmentPlan: 3, amount: 10_000 }, 400, "INVALID_CARD_INSTALLMENT_PLAN"],
    ];
    for (const [overrides, status, code] of cases) {
      const answer = await sandbox.api("POST", billingPath(billingKey), {
        secretKey,
        body: chargeBody(customerKey, overrides),
      });
      expect({ overrides, status: answer.status, code: answer.body?.code }).toEqual({
        overrides,
        status,
        code,
      });
    }
    const notJson = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: "amount=100",
    });
    expect(notJson).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
  });

  it("declines on the test cards and accounts, and the lookup says why", async () => {
    const secretKey = newSecretKey();
    const cases: [string, number, string, number][] = [
      ["card:41:4330000000000002", 403, "REJECT_CARD_COMPANY", 9_900],
      ["card:51:4330000000009995", 403, "REJECT_CARD_PAYMENT", 9_900],
      ["card:61:4330000000000069", 400, "INVALID_STOPPED_CARD", 9_900],
      ["account:kakaobank-low", 403, "REJECT_ACCOUNT_PAYMENT", 9_900],
      ["account:shinhan", 400, "BELOW_MINIMUM_AMOUNT", 150],
    ];
    for (const [instrument, status, code, amount] of cases) {
      const { billingKey, customerKey } = await toolsKey(sandbox, secretKey, instrument);
      const body = chargeBody(customerKey, { amount });
      const answer = await sandbox.api("POST", billingPath(billingKey), { secretKey, body });
      expect({ instrument, status: answer.status, code: answer.body?.code }).toEqual({
        instrument,
        status,
        code,
      });
      const lookup = await sandbox.api("GET", `/v1/payments/orders/${body.orderId}`, {
        secretKey,
      });
      if (code === "BELOW_MINIMUM_AMOUNT") {
        // Refused before any payment was made: nothing to find.
        expect(lookup.status).toBe(404);
      } else {
        expect(lookup.body).toMatchObject({ status: "ABORTED", failure: { code } });
      }
    }
  });

  it("charges a 퀵계좌이체 key and shows the account only in the payment", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey, billing } = await toolsKey(
      sandbox,
      secretKey,
      "account:shinhan",
    );
    expect(billing).toMatchObject({ method: "계좌이체", mId: "tvivarepublica" });
    expect(billing.card).toBeUndefined();
    const charged = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey, { amount: 200 }),
    });
    expect(charged.body).toMatchObject({
      status: "DONE",
      method: "계좌이체",
      card: null,
      transfer: {
        bankCode: "88",
        settlementStatus: "INCOMPLETED",
        accountNumber: "110-***-***789",
      },
    });
  });
});

describe("TossPayments-Test-Code", () => {
  it("answers the named documented error and does nothing", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey);
    const forced = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body,
      headers: { "TossPayments-Test-Code": "REJECT_CARD_COMPANY" },
    });
    expect(forced).toMatchObject({ status: 403, body: { code: "REJECT_CARD_COMPANY" } });
    const internal = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body,
      headers: { "TossPayments-Test-Code": "FAILED_INTERNAL_SYSTEM_PROCESSING" },
    });
    expect(internal.status).toBe(500);
    const lookup = await sandbox.api("GET", `/v1/payments/orders/${body.orderId}`, { secretKey });
    expect(lookup.status).toBe(404);
    const unknown = await sandbox.api("GET", `/v1/payments/orders/${body.orderId}`, {
      secretKey,
      headers: { "TossPayments-Test-Code": "NO_SUCH_CODE" },
    });
    expect(unknown).toMatchObject({ status: 400, body: { code: "INVALID_REQUEST" } });
  });
});

describe("developer tools", () => {
  it("lists keys, payments and webhooks as a page and as JSON", async () => {
    const secretKey = newSecretKey();
    const { billingKey } = await toolsKey(sandbox, secretKey, "account:shinhan");
    const page = await fetch(`${sandbox.base}/_sandbox`);
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(billingKey);
    expect(text).toContain("퀵계좌이체 탈퇴");
    const json = await sandbox.tools("GET", "/_sandbox?format=json");
    expect(json.body?.billingKeys).toEqual(
      expect.arrayContaining([expect.objectContaining({ billingKey, method: "TRANSFER" })]),
    );
    // The page's buttons post a form and come back to the page.
    const viaForm = await sandbox.form("/_sandbox/billing-keys/withdraw", { billingKey });
    expect(viaForm.status).toBe(303);
    const after = await sandbox.tools("GET", "/_sandbox?format=json");
    const key = (
      after.body?.billingKeys as { billingKey: string; deletedAt: string | null }[]
    ).find((k) => k.billingKey === billingKey);
    expect(key?.deletedAt).not.toBeNull();
  });
});
