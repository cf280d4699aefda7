// The PortOne provider (lib/payments/portone/provider.ts) against the PortOne sandbox on a real
// node:http server, through the official server SDK: what the engine reads from each verb, and
// what the sandbox's ledger says happened. Keys are made by the sandbox's tools, as if the
// customer had approved in the window (the window has its own tests).
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createPortOneProvider } from "@/lib/payments/portone/provider";
import type { PaymentProvider } from "@/lib/payments/types";
import { webhookSignature } from "@/lib/sandbox/portone/webhooks";
import {
  type Sandbox,
  type Store,
  newPaymentId,
  startSandbox,
  toolsKey,
} from "../../sandbox/portone/support";

let sandbox: Sandbox;
let store: Store;
let provider: PaymentProvider;

beforeAll(async () => {
  sandbox = await startSandbox();
  store = await sandbox.newStore();
  provider = createPortOneProvider({
    ...store,
    apiOrigin: sandbox.base,
    scriptUrl: `${sandbox.base}/browser-sdk.js`,
    mode: "sandbox",
    timeoutMs: 5_000,
  });
});

const charge = (billingKey: string, customerId: string, orderId = newPaymentId()) =>
  provider.charge({
    billingKey,
    customer: { providerCustomerId: customerId },
    orderId,
    orderName: "베이직 구독",
    amount: 9_900,
    amountTaxFree: 0,
    payer: { email: "kim@example.com", name: "김테스트" },
  });

async function ledger() {
  const answer = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
  return answer.body as {
    charges: { paymentId: string; amount: number }[];
    cancellations: { paymentId: string; amount: number }[];
  };
}

describe("registration", () => {
  it("confirms a key PortOne issued for this customer on our channel, with its card", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const confirmed = await provider.completeRegistration({
      providerCustomerId: customerId,
      billingKey,
    });
    expect(confirmed).toMatchObject({
      outcome: "succeeded",
      billingKey,
      method: { kind: "card", cardCompany: expect.stringContaining("신한") },
    });
    // The key never reaches what we store as the raw answer.
    expect(JSON.stringify(confirmed.raw)).not.toContain(billingKey);
  });

  it("refuses another customer's key and a key PortOne does not know, storing nothing", async () => {
    const { billingKey } = await toolsKey(sandbox, store);
    expect(
      await provider.completeRegistration({ providerCustomerId: "someone-else", billingKey }),
    ).toMatchObject({ outcome: "declined", code: "KEY_MISMATCH" });
    expect(
      await provider.completeRegistration({
        providerCustomerId: "someone-else",
        billingKey: `billing-key-${randomBytes(8).toString("hex")}`,
      }),
    ).toMatchObject({ outcome: "declined", code: "BILLING_KEY_NOT_FOUND" });
  });

  it("reads an account and Toss Money as what they are", async () => {
    for (const [instrument, kind] of [
      ["account:shinhan", "account"],
      ["money:toss", "toss_money"],
    ] as const) {
      const { billingKey, customerId } = await toolsKey(sandbox, store, { instrument });
      const found = await provider.getMethod({ providerCustomerId: customerId, billingKey });
      expect(found).toMatchObject({ outcome: "succeeded", status: "active", method: { kind } });
    }
    const { billingKey, customerId } = await toolsKey(sandbox, store, {
      instrument: "account:shinhan",
    });
    expect(await provider.getMethod({ providerCustomerId: customerId, billingKey })).toMatchObject({
      method: { bankCode: "088", bankName: "신한은행" },
    });
  });
});

describe("charges", () => {
  it("charges under our order id once: a resend is unknown (ALREADY_PAID) and the lookup settles it", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const orderId = newPaymentId();
    expect(await charge(billingKey, customerId, orderId)).toMatchObject({
      outcome: "succeeded",
      charge: { orderId, providerPaymentId: orderId, amount: 9_900, testMode: true },
    });
    expect(await charge(billingKey, customerId, orderId)).toMatchObject({
      outcome: "unknown",
      code: "ALREADY_PAID",
    });
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      outcome: "succeeded",
      charge: { amount: 9_900, refundedAmount: 0, refundableAmount: 9_900 },
    });
    const charges = (await ledger()).charges.filter((c) => c.paymentId === orderId);
    expect(charges).toHaveLength(1);
  });

  it("reads a Toss Pay decline through Toss Pay's table, and the lookup agrees", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store, {
      instrument: "card:samsung-balance",
    });
    const orderId = newPaymentId();
    const declined = await charge(billingKey, customerId, orderId);
    expect(declined).toMatchObject({ outcome: "declined", code: "CARD_NOT_ENOUGH_BALANCE" });
    expect(declined.customerMessage).toMatch(/[가-힣]/);
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({ outcome: "declined" });
    expect(await provider.lookUpCharge({ orderId: newPaymentId() })).toMatchObject({
      outcome: "not_found",
    });
  });

  it("asks for a new method once the key is deleted, and a second delete is already done", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const input = { providerCustomerId: customerId, billingKey };
    expect(await provider.removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: false,
    });
    expect(await provider.removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: true,
    });
    expect(await provider.getMethod(input)).toMatchObject({ status: "removed" });
    expect(await charge(billingKey, customerId)).toMatchObject({
      outcome: "needs_new_method",
      code: "BILLING_KEY_ALREADY_DELETED",
    });
  });

  it("reads a timeout as unknown, never as a failure", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store, {
      instrument: "card:woori-slow",
    });
    const quick = createPortOneProvider({
      ...store,
      apiOrigin: sandbox.base,
      scriptUrl: `${sandbox.base}/browser-sdk.js`,
      mode: "sandbox",
      timeoutMs: 300,
    });
    const answer = await quick.charge({
      billingKey,
      customer: { providerCustomerId: customerId },
      orderId: newPaymentId(),
      orderName: "베이직 구독",
      amount: 9_900,
      amountTaxFree: 0,
    });
    expect(answer).toMatchObject({ outcome: "unknown", code: "TIMEOUT" });
  });
});

describe("refunds", () => {
  it("refunds with currentCancellableAmount; a resend of a refund that went through refunds nothing more", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const orderId = newPaymentId();
    await charge(billingKey, customerId, orderId);
    const refund = {
      orderId,
      providerPaymentId: orderId,
      refundNo: "r-1",
      amount: 3_000,
      refundableBefore: 9_900,
      reason: "고객 요청",
    };
    expect(await provider.refund(refund)).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 3_000, refundableAmount: 6_900 },
    });
    // The answer was lost and the engine sends the same refund again.
    expect(await provider.refund(refund)).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 3_000, refundableAmount: 6_900 },
    });
    const cancellations = (await ledger()).cancellations.filter((c) => c.paymentId === orderId);
    expect(cancellations.map((c) => c.amount)).toEqual([3_000]);
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      charge: { refundedAmount: 3_000, refundableAmount: 6_900 },
    });
  });

  it("leaves a balance moved by someone else unknown, for the admin to check", async () => {
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const orderId = newPaymentId();
    await charge(billingKey, customerId, orderId);
    // A cancel made in PortOne's console, not by us.
    await sandbox.api("POST", `/payments/${orderId}/cancel`, {
      secret: store.apiSecret,
      body: { reason: "콘솔에서 취소", amount: 1_000 },
    });
    expect(
      await provider.refund({
        orderId,
        providerPaymentId: orderId,
        refundNo: "r-2",
        amount: 3_000,
        refundableBefore: 9_900,
        reason: "고객 요청",
      }),
    ).toMatchObject({ outcome: "unknown", code: "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN" });
  });
});

describe("webhooks", () => {
  const body = JSON.stringify({
    type: "Transaction.Paid",
    timestamp: new Date().toISOString(),
    data: { storeId: "store-x", paymentId: "order-1", transactionId: "tx-1" },
  });
  const signed = (overrides: { secret?: string; at?: number; raw?: string } = {}) => {
    const timestamp = String(Math.floor((overrides.at ?? Date.now()) / 1000));
    return new Headers({
      "webhook-id": "msg-1",
      "webhook-timestamp": timestamp,
      "webhook-signature": webhookSignature(
        overrides.secret ?? store.webhookSecret,
        "msg-1",
        timestamp,
        overrides.raw ?? body,
      ),
    });
  };

  it("reads a signed delivery as verified, keyed by its webhook-id", async () => {
    expect(await provider.parseEvent({ rawBody: body, headers: signed() })).toMatchObject({
      ok: true,
      event: {
        type: "charge_updated",
        verified: true,
        dedupeKey: "webhook:msg-1",
        orderId: "order-1",
      },
    });
  });

  it("refuses a delivery without, or with another, signature, a changed body and a stale one", async () => {
    const refused = { ok: false, refuse: true };
    expect(await provider.parseEvent({ rawBody: body, headers: new Headers() })).toMatchObject(
      refused,
    );
    const other = `whsec_${Buffer.alloc(32, 9).toString("base64")}`;
    expect(
      await provider.parseEvent({ rawBody: body, headers: signed({ secret: other }) }),
    ).toMatchObject(refused);
    expect(
      await provider.parseEvent({ rawBody: body.replace("order-1", "order-2"), headers: signed() }),
    ).toMatchObject(refused);
    expect(
      await provider.parseEvent({
        rawBody: body,
        headers: signed({ at: Date.now() - 6 * 60_000 }),
      }),
    ).toMatchObject(refused);
  });
});
