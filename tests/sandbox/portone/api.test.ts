// Conformance with the official client: @portone/server-sdk's PortOneClient drives the sandbox
// and must parse every answer, and throw its typed errors with the documented `data.type`
// (docs/providers.md §3.3, §3.4).
import { PortOneError } from "@portone/server-sdk";
import {
  CancelPaymentError,
  GetPaymentError,
  PayWithBillingKeyError,
} from "@portone/server-sdk/payment";
import {
  DeleteBillingKeyError,
  GetBillingKeyInfoError,
} from "@portone/server-sdk/payment/billingKey";
import { beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, newPaymentId, payInput, startSandbox, toolsKey } from "./support";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

describe("auth", () => {
  it("answers 401 UNAUTHORIZED without or with a wrong secret, in PortOne's envelope", async () => {
    const missing = await sandbox.api("GET", "/payments/x");
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ type: "UNAUTHORIZED", message: expect.any(String) });
    const wrong = await sandbox.api("GET", "/payments/x", { secret: "nope-nope-nope" });
    expect(wrong).toMatchObject({ status: 401, body: { type: "UNAUTHORIZED" } });
  });

  it("answers a charge's wrong secret with 401 before its unreadable body with 400", async () => {
    const store = await sandbox.newStore();
    const charge = (secret: string, body: unknown) =>
      sandbox.api("POST", `/payments/${newPaymentId()}/billing-key`, { secret, body });
    expect(await charge("nope-nope-nope", "{not json")).toMatchObject({
      status: 401,
      body: { type: "UNAUTHORIZED" },
    });
    expect(await charge(store.apiSecret, "{not json")).toMatchObject({
      status: 400,
      body: { type: "INVALID_REQUEST" },
    });
    const { billingKey } = await toolsKey(sandbox, store);
    const other = await sandbox.newStore();
    // Another store's key is unknown to this store.
    expect(await charge(other.apiSecret, payInput(billingKey))).toMatchObject({
      status: 404,
      body: { type: "BILLING_KEY_NOT_FOUND" },
    });
  });

  it("refuses another store's storeId with 403 FORBIDDEN", async () => {
    const store = await sandbox.newStore();
    const other = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    const error = await rejection(
      sandbox.client(store).payment.billingKey.getBillingKeyInfo({
        billingKey,
        storeId: other.storeId,
      }),
    );
    expect(error).toBeInstanceOf(GetBillingKeyInfoError);
    expect((error as GetBillingKeyInfoError).data.type).toBe("FORBIDDEN");
  });
});

describe("billing keys", () => {
  it("reads an issued Toss Pay key, deletes it once, and 409s the second delete", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const info = await client.payment.billingKey.getBillingKeyInfo({ billingKey });
    expect(info).toMatchObject({
      status: "ISSUED",
      billingKey,
      storeId: store.storeId,
      customer: { id: customerId },
      channels: [{ type: "TEST", key: store.channelKey, pgProvider: "TOSSPAY_V2" }],
      methods: [
        {
          type: "BillingKeyPaymentMethodEasyPay",
          provider: "TOSSPAY",
          method: {
            type: "BillingKeyPaymentMethodCard",
            card: { number: expect.stringMatching(/\*/) },
          },
        },
      ],
    });

    const { deletedAt } = await client.payment.billingKey.deleteBillingKey({ billingKey });
    expect(Date.parse(deletedAt)).not.toBeNaN();
    const again = await rejection(client.payment.billingKey.deleteBillingKey({ billingKey }));
    expect(again).toBeInstanceOf(DeleteBillingKeyError);
    expect((again as DeleteBillingKeyError).data.type).toBe("BILLING_KEY_ALREADY_DELETED");
    expect(await client.payment.billingKey.getBillingKeyInfo({ billingKey })).toMatchObject({
      status: "DELETED",
      deletedAt,
    });

    const unknown = await rejection(
      client.payment.billingKey.getBillingKeyInfo({ billingKey: "billing-key-unknown" }),
    );
    expect((unknown as GetBillingKeyInfoError).data.type).toBe("BILLING_KEY_NOT_FOUND");
    const unknownDelete = await rejection(
      client.payment.billingKey.deleteBillingKey({ billingKey: "billing-key-unknown" }),
    );
    expect((unknownDelete as DeleteBillingKeyError).data.type).toBe("BILLING_KEY_NOT_FOUND");
  });

  it("describes account and Toss Money keys with the SDK's method types", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const account = await toolsKey(sandbox, store, { instrument: "account:shinhan" });
    const money = await toolsKey(sandbox, store, { instrument: "money:toss" });
    const methodsOf = async (billingKey: string) =>
      (
        (await client.payment.billingKey.getBillingKeyInfo({ billingKey })) as {
          methods?: unknown[];
        }
      ).methods;
    expect(await methodsOf(account.billingKey)).toEqual([
      {
        type: "BillingKeyPaymentMethodEasyPay",
        provider: "TOSSPAY",
        method: {
          type: "BillingKeyPaymentMethodTransfer",
          bank: "SHINHAN",
          accountNumber: expect.stringMatching(/\*/),
        },
      },
    ]);
    expect((await methodsOf(money.billingKey))?.[0]).toMatchObject({
      method: { type: "BillingKeyPaymentMethodEasyPayCharge" },
    });
  });
});

describe("payWithBillingKey", () => {
  it("charges, reads back as PAID, and refuses the same paymentId with ALREADY_PAID", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey, customerId } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    const { payment } = await client.payment.payWithBillingKey({
      paymentId,
      ...payInput(billingKey, { amount: { total: 11_000, taxFree: 0 } }),
    });
    expect(payment.pgTxId).toEqual(expect.any(String));
    expect(Date.parse(payment.paidAt)).not.toBeNaN();

    const read = await client.payment.getPayment({ paymentId });
    expect(read).toMatchObject({
      status: "PAID",
      id: paymentId,
      storeId: store.storeId,
      billingKey,
      orderName: "프리미엄 구독 1월",
      currency: "KRW",
      pgTxId: payment.pgTxId,
      paidAt: payment.paidAt,
      customer: { id: customerId },
      channel: { key: store.channelKey, pgProvider: "TOSSPAY_V2", type: "TEST" },
      amount: { total: 11_000, taxFree: 0, vat: 1_000, supply: 10_000, paid: 11_000, cancelled: 0 },
      method: { type: "PaymentMethodEasyPay", provider: "TOSSPAY" },
      receiptUrl: expect.stringContaining("/receipts?"),
      cancellations: [],
    });

    const again = await rejection(
      client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) }),
    );
    expect(again).toBeInstanceOf(PayWithBillingKeyError);
    expect(again).toBeInstanceOf(PortOneError);
    expect((again as PayWithBillingKeyError).data.type).toBe("ALREADY_PAID");
  });

  it("declines with 502 PG_PROVIDER and Toss Pay's pgCode, keeps FAILED, and lets the id retry", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const declined = await toolsKey(sandbox, store, { instrument: "card:hyundai-limit" });
    const paymentId = newPaymentId();
    const error = await rejection(
      client.payment.payWithBillingKey({ paymentId, ...payInput(declined.billingKey) }),
    );
    expect(error).toBeInstanceOf(PayWithBillingKeyError);
    expect((error as PayWithBillingKeyError).data).toMatchObject({
      type: "PG_PROVIDER",
      pgCode: "CARD_EXCEED_LIMIT",
      pgMessage: expect.any(String),
    });
    const failed = await client.payment.getPayment({ paymentId });
    expect(failed).toMatchObject({
      status: "FAILED",
      failure: { pgCode: "CARD_EXCEED_LIMIT" },
      amount: { paid: 0 },
    });
    const firstTransaction = (failed as { transactionId: string }).transactionId;

    const good = await toolsKey(sandbox, store);
    await client.payment.payWithBillingKey({ paymentId, ...payInput(good.billingKey) });
    const paid = await client.payment.getPayment({ paymentId });
    expect(paid.status).toBe("PAID");
    expect((paid as { transactionId: string }).transactionId).not.toBe(firstTransaction);

    const { items } = await client.payment.getPaymentTransactions({ paymentId });
    expect(items.map((t) => t.status)).toEqual(["FAILED", "PAID"]);

    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.totals).toEqual({ charged: 9_900, refunded: 0, net: 9_900 });
    expect(ledger.body?.declines).toHaveLength(1);
  });

  it("answers the documented errors for unknown, deleted keys and bad input", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const typeOf = async (input: Parameters<typeof client.payment.payWithBillingKey>[0]) =>
      ((await rejection(client.payment.payWithBillingKey(input))) as PayWithBillingKeyError).data
        .type;
    const { billingKey } = await toolsKey(sandbox, store);

    expect(await typeOf({ paymentId: newPaymentId(), ...payInput("billing-key-nope") })).toBe(
      "BILLING_KEY_NOT_FOUND",
    );
    expect(
      await typeOf({ paymentId: newPaymentId(), ...payInput(billingKey, { currency: "USD" }) }),
    ).toBe("INVALID_REQUEST");
    expect(
      await typeOf({
        paymentId: newPaymentId(),
        ...payInput(billingKey, { amount: { total: 99.5 } }),
      }),
    ).toBe("INVALID_REQUEST");
    expect(
      await typeOf({
        paymentId: newPaymentId(),
        ...payInput(billingKey, { amount: { total: 1_000, taxFree: 2_000 } }),
      }),
    ).toBe("INVALID_REQUEST");
    expect(await typeOf({ paymentId: "has spaces", ...payInput(billingKey) })).toBe(
      "INVALID_REQUEST",
    );
    const missingOrderName = await sandbox.api("POST", `/payments/${newPaymentId()}/billing-key`, {
      secret: store.apiSecret,
      body: { billingKey, amount: { total: 1000 }, currency: "KRW" },
    });
    expect(missingOrderName).toMatchObject({ status: 400, body: { type: "INVALID_REQUEST" } });

    await client.payment.billingKey.deleteBillingKey({ billingKey });
    expect(await typeOf({ paymentId: newPaymentId(), ...payInput(billingKey) })).toBe(
      "BILLING_KEY_ALREADY_DELETED",
    );
    // Nothing was charged by any of these.
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.charges).toEqual([]);
  });

  it("throws GetPaymentError PAYMENT_NOT_FOUND for an id never charged", async () => {
    const store = await sandbox.newStore();
    const error = await rejection(
      sandbox.client(store).payment.getPayment({ paymentId: newPaymentId() }),
    );
    expect(error).toBeInstanceOf(GetPaymentError);
    expect((error as GetPaymentError).data.type).toBe("PAYMENT_NOT_FOUND");
  });
});

describe("cancelPayment", () => {
  it("cancels partly with vatAmount, then fully, and refuses a third time", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    await client.payment.payWithBillingKey({
      paymentId,
      ...payInput(billingKey, { amount: { total: 11_000 } }),
    });

    const partial = await client.payment.cancelPayment({
      paymentId,
      reason: "부분 환불",
      amount: 3_300,
      vatAmount: 300,
      currentCancellableAmount: 11_000,
    });
    expect(partial.cancellation).toMatchObject({
      status: "SUCCEEDED",
      id: expect.any(String),
      pgCancellationId: expect.any(String),
      totalAmount: 3_300,
      taxFreeAmount: 0,
      vatAmount: 300,
      reason: "부분 환불",
      cancelledAt: expect.any(String),
      requestedAt: expect.any(String),
      receiptUrl: expect.any(String),
    });
    expect(await client.payment.getPayment({ paymentId })).toMatchObject({
      status: "PARTIAL_CANCELLED",
      amount: { cancelled: 3_300 },
      cancellations: [{ status: "SUCCEEDED", totalAmount: 3_300 }],
    });

    const rest = await client.payment.cancelPayment({ paymentId, reason: "해지" });
    expect(rest.cancellation).toMatchObject({ totalAmount: 7_700, vatAmount: 700 });
    expect(await client.payment.getPayment({ paymentId })).toMatchObject({
      status: "CANCELLED",
      amount: { cancelled: 11_000 },
    });
    const third = await rejection(client.payment.cancelPayment({ paymentId, reason: "또" }));
    expect(third).toBeInstanceOf(CancelPaymentError);
    expect((third as CancelPaymentError).data.type).toBe("PAYMENT_ALREADY_CANCELLED");
  });

  it("answers the documented 4xx for unpaid, unknown and too-large cancels", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const typeOf = async (input: Parameters<typeof client.payment.cancelPayment>[0]) =>
      ((await rejection(client.payment.cancelPayment(input))) as CancelPaymentError).data.type;
    expect(await typeOf({ paymentId: newPaymentId(), reason: "x" })).toBe("PAYMENT_NOT_FOUND");

    const declined = await toolsKey(sandbox, store, { instrument: "money:toss-low" });
    const failedId = newPaymentId();
    await rejection(
      client.payment.payWithBillingKey({ paymentId: failedId, ...payInput(declined.billingKey) }),
    );
    expect(await typeOf({ paymentId: failedId, reason: "x" })).toBe("PAYMENT_NOT_PAID");

    const { billingKey } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    await client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) });
    expect(await typeOf({ paymentId, reason: "x", amount: 10_000 })).toBe(
      "CANCEL_AMOUNT_EXCEEDS_CANCELLABLE_AMOUNT",
    );
    const noReason = await sandbox.api("POST", `/payments/${paymentId}/cancel`, {
      secret: store.apiSecret,
      body: {},
    });
    expect(noReason).toMatchObject({ status: 400, body: { type: "INVALID_REQUEST" } });
  });

  it("refuses a stale currentCancellableAmount with 409 and leaves the ledger alone", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    await client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) });
    await client.payment.cancelPayment({
      paymentId,
      reason: "첫 환불",
      amount: 1_000,
      currentCancellableAmount: 9_900,
    });
    const before = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);

    // The same request retried after its answer was lost: the balance moved on.
    const retried = await rejection(
      client.payment.cancelPayment({
        paymentId,
        reason: "첫 환불",
        amount: 1_000,
        currentCancellableAmount: 9_900,
      }),
    );
    expect(retried).toBeInstanceOf(CancelPaymentError);
    expect((retried as CancelPaymentError).data.type).toBe("CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN");
    const after = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(after.body).toEqual(before.body);
    expect(after.body?.totals).toEqual({ charged: 9_900, refunded: 1_000, net: 8_900 });
  });
});

describe("concurrency", () => {
  it("lets exactly one of two simultaneous charges of one paymentId through", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    const results = await Promise.allSettled([
      client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) }),
      client.payment.payWithBillingKey({ paymentId, ...payInput(billingKey) }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected");
    expect(((rejected as PromiseRejectedResult).reason as PayWithBillingKeyError).data.type).toBe(
      "ALREADY_PAID",
    );
    expect((await client.payment.getPayment({ paymentId })).status).toBe("PAID");
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.charges).toHaveLength(1);
    expect(ledger.body?.totals.charged).toBe(9_900);
  });
  it("charges a paymentId once under many simultaneous requests, new or FAILED before", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const good = await toolsKey(sandbox, store);
    const declined = await toolsKey(sandbox, store, { instrument: "card:hyundai-limit" });
    const failedFirst = newPaymentId();
    await rejection(
      client.payment.payWithBillingKey({
        paymentId: failedFirst,
        ...payInput(declined.billingKey),
      }),
    );
    for (const paymentId of [newPaymentId(), failedFirst]) {
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, () =>
          client.payment.payWithBillingKey({ paymentId, ...payInput(good.billingKey) }),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      for (const r of results.filter((r) => r.status === "rejected")) {
        expect((r.reason as PayWithBillingKeyError).data.type).toBe("ALREADY_PAID");
      }
    }
    const ledger = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(ledger.body?.charges).toHaveLength(2);
    expect(ledger.body?.declines).toHaveLength(1);
  });
});

describe("ledger", () => {
  it("names each charge's customer and reads one customer's with ?customerId", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const alice = await toolsKey(sandbox, store);
    const bob = await toolsKey(sandbox, store, { instrument: "card:samsung-balance" });
    const paid = newPaymentId();
    await client.payment.payWithBillingKey({ paymentId: paid, ...payInput(alice.billingKey) });
    await client.payment.cancelPayment({ paymentId: paid, reason: "테스트", amount: 1_000 });
    const declined = newPaymentId();
    await rejection(
      client.payment.payWithBillingKey({ paymentId: declined, ...payInput(bob.billingKey) }),
    );
    const all = await sandbox.tools("GET", `/_sandbox/ledger?storeId=${store.storeId}`);
    expect(all.body?.charges).toMatchObject([{ paymentId: paid, customerId: alice.customerId }]);
    expect(all.body?.declines).toMatchObject([{ paymentId: declined, customerId: bob.customerId }]);
    const onlyBob = await sandbox.tools(
      "GET",
      `/_sandbox/ledger?storeId=${store.storeId}&customerId=${bob.customerId}`,
    );
    expect(onlyBob.body).toMatchObject({
      charges: [],
      declines: [{ paymentId: declined }],
      cancellations: [],
      totals: { charged: 0, refunded: 0, net: 0 },
    });
    const onlyAlice = await sandbox.tools(
      "GET",
      `/_sandbox/ledger?storeId=${store.storeId}&customerId=${alice.customerId}`,
    );
    expect(onlyAlice.body?.cancellations).toMatchObject([{ paymentId: paid, amount: 1_000 }]);
    expect(onlyAlice.body?.totals).toEqual({ charged: 9_900, refunded: 1_000, net: 8_900 });
  });
});
