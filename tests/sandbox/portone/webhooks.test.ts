// Webhooks, version 2024-04-25 (docs/providers.md §3.5): Standard Webhooks bodies and headers,
// verified with the official SDK's Webhook.verify; sent to the call's noticeUrls (else the
// console URL setting), retried with the same webhook-id, never to a stranger's origin.
import { Webhook } from "@portone/server-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Receiver,
  type Sandbox,
  newPaymentId,
  payInput,
  startReceiver,
  startSandbox,
  toolsKey,
  waitFor,
} from "./support";

let sandbox: Sandbox;
let receiver: Receiver; // the console URL
let notice: Receiver; // a call's noticeUrls
let flaky: Receiver; // a call's noticeUrls: 500 once, then 200
beforeAll(async () => {
  sandbox = await startSandbox();
  receiver = await startReceiver();
  notice = await startReceiver();
  flaky = await startReceiver([500, 200]);
  await sandbox.tools("PUT", "/_sandbox/settings", {
    webhookUrl: receiver.url,
    webhookRetryMinuteMs: 20,
  });
});
afterAll(async () => {
  await receiver.close();
  await notice.close();
  await flaky.close();
});

const about = (r: Receiver, field: "billingKey" | "paymentId", value: string) =>
  r.received.filter((d) => (d.body.data as Record<string, string>)[field] === value);

const headersOf = (d: Receiver["received"][number]) =>
  d.headers as Record<string, string | string[] | undefined>;

describe("signatures", () => {
  it("verifies with Webhook.verify and the store's secret, and fails when tampered or keyed wrong", async () => {
    const store = await sandbox.newStore();
    const other = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store, { noticeUrls: [notice.url] });
    const [delivery] = await waitFor(() => {
      const found = about(notice, "billingKey", billingKey);
      return found.length > 0 ? found : null;
    });
    const verified = await Webhook.verify(store.webhookSecret, delivery!.raw, headersOf(delivery!));
    expect(verified).toMatchObject({
      type: "BillingKey.Issued",
      data: { storeId: store.storeId, billingKey },
    });
    expect(Date.parse((verified as { timestamp: string }).timestamp)).not.toBeNaN();
    expect(delivery!.headers["webhook-id"]).toEqual(expect.any(String));
    expect(delivery!.headers["webhook-timestamp"]).toMatch(/^\d{10}$/);
    expect(delivery!.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);

    const tampered = delivery!.raw.replace(billingKey, "billing-key-forged");
    await expect(
      Webhook.verify(store.webhookSecret, tampered, headersOf(delivery!)),
    ).rejects.toBeInstanceOf(Webhook.WebhookVerificationError);
    await expect(
      Webhook.verify(other.webhookSecret, delivery!.raw, headersOf(delivery!)),
    ).rejects.toBeInstanceOf(Webhook.WebhookVerificationError);
  });
});

describe("events", () => {
  it("sends Transaction.Paid and Transaction.Failed to the payment's noticeUrls", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const good = await toolsKey(sandbox, store);
    const bad = await toolsKey(sandbox, store, { instrument: "card:samsung-balance" });
    const paid = newPaymentId();
    const failed = newPaymentId();
    await client.payment.payWithBillingKey({
      paymentId: paid,
      ...payInput(good.billingKey, { noticeUrls: [notice.url] }),
    });
    await client.payment
      .payWithBillingKey({
        paymentId: failed,
        ...payInput(bad.billingKey, { noticeUrls: [notice.url] }),
      })
      .catch(() => null);
    const [paidEvent] = await waitFor(() => {
      const found = about(notice, "paymentId", paid);
      return found.length > 0 ? found : null;
    });
    const payment = await client.payment.getPayment({ paymentId: paid });
    expect(paidEvent!.body).toEqual({
      type: "Transaction.Paid",
      timestamp: expect.any(String),
      data: {
        storeId: store.storeId,
        paymentId: paid,
        transactionId: (payment as { transactionId: string }).transactionId,
      },
    });
    const [failedEvent] = await waitFor(() => {
      const found = about(notice, "paymentId", failed);
      return found.length > 0 ? found : null;
    });
    expect(failedEvent!.body.type).toBe("Transaction.Failed");
    await Webhook.verify(store.webhookSecret, failedEvent!.raw, headersOf(failedEvent!));
  });

  it("uses the console URL without noticeUrls", async () => {
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store);
    const [issued] = await waitFor(() => {
      const found = about(receiver, "billingKey", billingKey);
      return found.length > 0 ? found : null;
    });
    expect(issued!.body.type).toBe("BillingKey.Issued");
  });

  it("retries with one webhook-id and body, and signs each attempt", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store);
    const paymentId = newPaymentId();
    // The first event to this receiver (Transaction.Paid) meets its one 500.
    await client.payment.payWithBillingKey({
      paymentId,
      ...payInput(billingKey, { noticeUrls: [flaky.url] }),
    });
    await waitFor(() => about(flaky, "paymentId", paymentId).length >= 2);
    await client.payment.cancelPayment({ paymentId, reason: "부분 환불", amount: 900 });
    const cancelled = await waitFor(() => {
      const found = about(flaky, "paymentId", paymentId).filter(
        (d) => d.body.type === "Transaction.PartialCancelled",
      );
      return found.length > 0 ? found : null;
    });
    expect(cancelled[0]!.body).toMatchObject({
      data: { storeId: store.storeId, paymentId, cancellationId: expect.any(String) },
    });
    const tries = about(flaky, "paymentId", paymentId).filter(
      (d) => d.body.type === "Transaction.Paid",
    );
    const [first, second] = tries;
    expect(first!.body).toEqual(second!.body);
    expect(first!.headers["webhook-id"]).toBe(second!.headers["webhook-id"]);
    expect(tries).toHaveLength(2);
    for (const attempt of [...tries, ...cancelled]) {
      await Webhook.verify(store.webhookSecret, attempt.raw, headersOf(attempt));
    }
    const deliveries = await waitFor(async () => {
      const list = (await sandbox.tools("GET", "/_sandbox/webhooks")).body?.deliveries as {
        webhookId: string;
        state: string;
        attempts: number;
      }[];
      const mine = list.find((d) => d.webhookId === first!.headers["webhook-id"]);
      return mine?.state === "delivered" ? mine : null;
    });
    expect(deliveries.attempts).toBe(2);
  });

  it("sends BillingKey.Updated and BillingKey.Deleted for what the customer does in the Toss app", async () => {
    const store = await sandbox.newStore();
    const client = sandbox.client(store);
    const { billingKey } = await toolsKey(sandbox, store, { noticeUrls: [notice.url] });
    const changed = await sandbox.tools("POST", "/_sandbox/billing-keys/change-method", {
      billingKey,
      instrument: "account:shinhan",
    });
    expect(changed.body).toMatchObject({ billingKey, changed: true });
    const info = await client.payment.billingKey.getBillingKeyInfo({ billingKey });
    expect((info as { methods: { method: { type: string } }[] }).methods[0]?.method.type).toBe(
      "BillingKeyPaymentMethodTransfer",
    );
    const deleted = await sandbox.tools("POST", "/_sandbox/billing-keys/delete", { billingKey });
    expect(deleted.body).toMatchObject({ billingKey, deleted: true });
    const events = await waitFor(() => {
      const found = about(notice, "billingKey", billingKey);
      return found.length >= 3 ? found : null;
    });
    expect(events.map((e) => String(e.body.type)).sort()).toEqual([
      "BillingKey.Deleted",
      "BillingKey.Issued",
      "BillingKey.Updated",
    ]);
    expect((await client.payment.billingKey.getBillingKeyInfo({ billingKey })).status).toBe(
      "DELETED",
    );
  });

  it("never fetches a URL outside the allowed origins", async () => {
    const store = await sandbox.newStore();
    const { billingKey } = await toolsKey(sandbox, store, {
      noticeUrls: ["http://169.254.169.254/latest/meta-data"],
    });
    const delivery = await waitFor(async () => {
      const list = (await sandbox.tools("GET", "/_sandbox/webhooks")).body?.deliveries as {
        payload: { data: { billingKey?: string } };
        state: string;
        lastError: string | null;
      }[];
      const mine = list.find((d) => d.payload.data.billingKey === billingKey);
      return mine?.state === "failed" ? mine : null;
    });
    expect(delivery.lastError).toMatch(/refused/);
  });
});
