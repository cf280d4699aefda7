// The developer tools and the fault switches: the page and its JSON, stores made on demand,
// and the shared switches applied to the API (5xx does nothing; a lost answer charges).
import { PayWithBillingKeyError } from "@portone/server-sdk/payment";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Json, type Sandbox, newPaymentId, payInput, startSandbox, toolsKey } from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(async () => {
  await sandbox.tools("PUT", "/_sandbox/settings", {
    errorRate: null,
    lostResponseRate: null,
    timeoutRate: null,
    latencyMs: null,
    seed: null,
  });
});

describe("developer tools", () => {
  it("lists stores, keys, payments and webhooks as a page and as JSON", async () => {
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    const page = await sandbox.get("/_sandbox");
    expect(page.status).toBe(200);
    const text = await page.text();
    expect(text).toContain(store.storeId);
    expect(text).toContain(billingKey);
    expect(text).toContain("billing-keys/change-method");
    const json = await sandbox.tools("GET", "/_sandbox?format=json");
    expect((json.body?.stores as Json[]).map((s) => String(s.storeId))).toContain(store.storeId);
    expect((json.body?.billingKeys as Json[]).map((k) => String(k.billingKey))).toContain(
      billingKey,
    );
  });

  it("makes a random store that the official client can use at once", async () => {
    const made = await sandbox.tools("POST", "/_sandbox/stores", { name: "새 상점" });
    expect(made.body).toMatchObject({
      storeId: expect.stringMatching(/^store-[0-9a-f-]{36}$/),
      channelKey: expect.stringMatching(/^channel-key-[0-9a-f-]{36}$/),
      webhookSecret: expect.stringMatching(/^whsec_/),
      apiSecret: expect.any(String),
    });
    const store = made.body as Parameters<Sandbox["client"]>[0];
    const { billingKey } = await toolsKey(sandbox, store);
    await sandbox
      .client(store)
      .payment.payWithBillingKey({ paymentId: newPaymentId(), ...payInput(billingKey) });
  });

  it("takes the page's forms and goes back to the page", async () => {
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    const changed = await sandbox.form("/_sandbox/billing-keys/change-method", {
      billingKey,
      instrument: "money:toss",
    });
    expect(changed.status).toBe(303);
    expect(changed.headers.get("location")).toBe(`${sandbox.base}/_sandbox`);
    const info = await sandbox.client(store).payment.billingKey.getBillingKeyInfo({ billingKey });
    expect(JSON.stringify(info)).toContain("BillingKeyPaymentMethodEasyPayCharge");
    const deleted = await sandbox.form("/_sandbox/billing-keys/delete", { billingKey });
    expect(deleted.status).toBe(303);
    expect(
      (await sandbox.client(store).payment.billingKey.getBillingKeyInfo({ billingKey })).status,
    ).toBe("DELETED");
  });

  it("refuses unknown keys and instruments for the customer's actions", async () => {
    const unknown = await sandbox.tools("POST", "/_sandbox/billing-keys/delete", {
      billingKey: "billing-key-nope",
    });
    expect(unknown.status).toBe(400);
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    const badInstrument = await sandbox.tools("POST", "/_sandbox/billing-keys/change-method", {
      billingKey,
      instrument: "card:nope",
    });
    expect(badInstrument.status).toBe(400);
  });
});

describe("fault switches", () => {
  it("answers 500 and does nothing at errorRate 1", async () => {
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    await sandbox.tools("PUT", "/_sandbox/settings", { errorRate: 1 });
    const paymentId = newPaymentId();
    const answer = await sandbox.api("POST", `/payments/${paymentId}/billing-key`, {
      secret: store.apiSecret,
      body: payInput(billingKey),
    });
    expect(answer).toMatchObject({ status: 500, body: { type: "INTERNAL_SERVER_ERROR" } });
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.charges).toEqual([]);
  });

  it("charges but loses the answer at lostResponseRate 1; the retry says ALREADY_PAID", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store);
    await sandbox.tools("PUT", "/_sandbox/settings", { lostResponseRate: 1 });
    const paymentId = newPaymentId();
    await expect(
      client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) }),
    ).rejects.toThrow();
    await sandbox.tools("PUT", "/_sandbox/settings", { lostResponseRate: null });
    const again = await client.payment
      .payWithBillingKey({ paymentId, ...payInput(billingKey) })
      .catch((error: unknown) => error);
    expect(again).toBeInstanceOf(PayWithBillingKeyError);
    expect((again as PayWithBillingKeyError).data.type).toBe("ALREADY_PAID");
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.totals.charged).toBe(9_900);
  });
});
