// Webhooks (docs/providers.md §2.6): BILLING_DELETED on a DELETE, a 퀵계좌이체 withdrawal and
// the developer tools' deletion; PAYMENT_STATUS_CHANGED on cancels; delivered with the
// transmission headers, retried on anything but 200 on the documented schedule (a minute
// shrunk to a few milliseconds here), the same transmission id on every try.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Receiver,
  type Sandbox,
  billingPath,
  chargeBody,
  newSecretKey,
  startReceiver,
  startSandbox,
  toolsKey,
  waitFor,
} from "./support";

let sandbox: Sandbox;
let receiver: Receiver;
beforeAll(async () => {
  sandbox = await startSandbox();
  // 500 twice, then 200: two retries before the delivery sticks.
  receiver = await startReceiver([500, 500, 200]);
  await sandbox.tools("PUT", "/_sandbox/settings", {
    webhookUrl: receiver.url,
    webhookRetryMinuteMs: 20,
  });
});
afterAll(() => receiver.close());

const eventsFor = (billingKey: string) =>
  receiver.received.filter(
    (r) => (r.body.data as { billingKey?: string }).billingKey === billingKey,
  );

describe("BILLING_DELETED", () => {
  it("follows a DELETE, retried until 200 with one transmission id", async () => {
    const secretKey = newSecretKey();
    const { billingKey } = await toolsKey(sandbox, secretKey);
    expect((await sandbox.api("DELETE", billingPath(billingKey), { secretKey })).status).toBe(200);
    const tries = await waitFor(() =>
      eventsFor(billingKey).length >= 3 ? eventsFor(billingKey) : null,
    );
    expect(tries).toHaveLength(3);
    for (const [i, attempt] of tries.entries()) {
      expect(attempt.body).toMatchObject({
        eventType: "BILLING_DELETED",
        data: { billingKey, reason: "삭제 API 요청" },
      });
      expect(attempt.body.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}$/);
      expect(attempt.headers["tosspayments-webhook-transmission-retried-count"]).toBe(String(i));
      expect(attempt.headers["tosspayments-webhook-transmission-time"]).toMatch(/\+09:00$/);
      expect(attempt.headers["content-type"]).toContain("application/json");
    }
    const ids = new Set(tries.map((t) => t.headers["tosspayments-webhook-transmission-id"]));
    expect(ids.size).toBe(1);

    const deliveries = await waitFor(async () => {
      const list = (await sandbox.tools("GET", "/_sandbox/webhooks")).body?.deliveries as {
        transmissionId: string;
        state: string;
        attempts: number;
      }[];
      const mine = list.find((d) => ids.has(d.transmissionId));
      return mine?.state === "delivered" ? mine : null;
    });
    expect(deliveries.attempts).toBe(3);
  });

  it("is sent when a 퀵계좌이체 customer withdraws, and the next charge is refused", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey, "account:shinhan");
    const withdrawn = await sandbox.tools("POST", "/_sandbox/billing-keys/withdraw", {
      billingKey,
    });
    expect(withdrawn.body).toMatchObject({ billingKey, deleted: true });
    const [event] = await waitFor(() =>
      eventsFor(billingKey).length > 0 ? eventsFor(billingKey) : null,
    );
    expect(event?.body.data).toEqual({ billingKey, reason: "퀵계좌이체 서비스 탈퇴" });
    const charge = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(charge).toMatchObject({ status: 400, body: { code: "INVALID_BILL_KEY_REQUEST" } });

    const card = await toolsKey(sandbox, secretKey);
    const refused = await sandbox.tools("POST", "/_sandbox/billing-keys/withdraw", {
      billingKey: card.billingKey,
    });
    expect(refused.status).toBe(400);
  });

  it("is sent when the withdrawn test account meets its first charge", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(
      sandbox,
      secretKey,
      "account:tossbank-withdrawn",
    );
    const charge = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey),
    });
    expect(charge).toMatchObject({ status: 400, body: { code: "INVALID_BILL_KEY_REQUEST" } });
    const [event] = await waitFor(() =>
      eventsFor(billingKey).length > 0 ? eventsFor(billingKey) : null,
    );
    expect(event?.body).toMatchObject({ eventType: "BILLING_DELETED" });
  });

  it("is sent once when the developer tools delete a key", async () => {
    const secretKey = newSecretKey();
    const { billingKey } = await toolsKey(sandbox, secretKey);
    expect(
      (await sandbox.tools("POST", "/_sandbox/billing-keys/delete", { billingKey })).body,
    ).toMatchObject({ deleted: true });
    expect(
      (await sandbox.tools("POST", "/_sandbox/billing-keys/delete", { billingKey })).body,
    ).toMatchObject({ deleted: false });
    await waitFor(() => eventsFor(billingKey).length > 0);
    const list = (await sandbox.tools("GET", "/_sandbox/webhooks")).body?.deliveries as {
      payload: { data: { billingKey?: string } };
    }[];
    expect(list.filter((d) => d.payload.data.billingKey === billingKey)).toHaveLength(1);
  });
});

describe("PAYMENT_STATUS_CHANGED", () => {
  it("carries the Payment after a cancel", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const paid = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey),
    });
    const paymentKey = paid.body?.paymentKey as string;
    await sandbox.api("POST", `/v1/payments/${paymentKey}/cancel`, {
      secretKey,
      body: { cancelReason: "환불" },
    });
    const event = await waitFor(() =>
      receiver.received.find(
        (r) => (r.body.data as { paymentKey?: string }).paymentKey === paymentKey,
      ),
    );
    expect(event.body).toMatchObject({
      eventType: "PAYMENT_STATUS_CHANGED",
      data: { paymentKey, status: "CANCELED", balanceAmount: 0 },
    });
  });
});

describe("allowed origins", () => {
  it("never sends to a URL off the allowed origins", async () => {
    await sandbox.tools("PUT", "/_sandbox/settings", { webhookUrl: "http://169.254.169.254/x" });
    const secretKey = newSecretKey();
    const { billingKey } = await toolsKey(sandbox, secretKey);
    await sandbox.api("DELETE", billingPath(billingKey), { secretKey });
    const refused = await waitFor(async () => {
      const list = (await sandbox.tools("GET", "/_sandbox/webhooks")).body?.deliveries as {
        payload: { data: { billingKey?: string } };
        state: string;
        lastError: string | null;
      }[];
      const mine = list.find((d) => d.payload.data.billingKey === billingKey);
      return mine?.state === "failed" ? mine : null;
    });
    expect(refused.lastError).toContain("not an allowed");
    await sandbox.tools("PUT", "/_sandbox/settings", { webhookUrl: receiver.url });
  });
});
