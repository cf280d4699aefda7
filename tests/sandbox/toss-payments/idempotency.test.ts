// Idempotency-Key (docs/providers.md §2.5) and the fault switches: a repeat replays the first
// answer without charging again, errors included; a different body under a used key is
// refused; a repeat during the first request waits with 409; keys expire after 15 days; a
// lost answer is found again by repeating with the same key.
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type Sandbox,
  billingPath,
  chargeBody,
  newSecretKey,
  startSandbox,
  toolsKey,
} from "./support";

let clock = Date.now();
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ now: () => new Date(clock) });
});
afterEach(async () => {
  await sandbox.tools("PUT", "/_sandbox/settings", {
    errorRate: null,
    timeoutRate: null,
    lostResponseRate: null,
    seed: null,
  });
});

async function ledgerOf(secretKey: string) {
  const answer = await sandbox.tools(
    "GET",
    `/_sandbox/ledger?secretKey=${encodeURIComponent(secretKey)}`,
  );
  return answer.body as { payments: unknown[]; cancels: unknown[] };
}

describe("Idempotency-Key", () => {
  it("replays the first answer to the same request, and charges once", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey);
    const headers = { "Idempotency-Key": body.orderId as string };
    const first = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    const second = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 200, body: first.body });
    expect((await ledgerOf(secretKey)).payments).toHaveLength(1);
  });

  it("replays an error too, and refuses a different body under the same key", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey, { amount: 50 });
    const headers = { "Idempotency-Key": "refused-once" };
    const first = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(first).toMatchObject({ status: 400, body: { code: "BELOW_MINIMUM_AMOUNT" } });
    const repeat = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(repeat).toMatchObject({ status: 400, body: { code: "BELOW_MINIMUM_AMOUNT" } });
    const changed = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: { ...body, amount: 9_900 },
      headers,
    });
    expect(changed).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    const tooLong = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body,
      headers: { "Idempotency-Key": "k".repeat(301) },
    });
    expect(tooLong).toMatchObject({ status: 400, body: { code: "INVALID_IDEMPOTENCY_KEY" } });
    expect((await ledgerOf(secretKey)).payments).toHaveLength(0);
  });

  it("keeps keys per merchant and per URL, and forgets them after 15 days", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const payment = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: chargeBody(customerKey, { amount: 10_000 }),
    });
    const cancelPath = `/v1/payments/${payment.body?.paymentKey}/cancel`;
    const headers = { "Idempotency-Key": "refund-1" };
    const cancel = { cancelReason: "부분 환불", cancelAmount: 1_000 };
    const first = await sandbox.api("POST", cancelPath, { secretKey, body: cancel, headers });
    const repeat = await sandbox.api("POST", cancelPath, { secretKey, body: cancel, headers });
    expect(repeat.body).toEqual(first.body);
    expect(repeat.body?.balanceAmount).toBe(9_000);

    clock += 15 * 24 * 60 * 60 * 1000;
    const afterExpiry = await sandbox.api("POST", cancelPath, {
      secretKey,
      body: cancel,
      headers,
    });
    expect(afterExpiry.body?.balanceAmount).toBe(8_000);
    expect((await ledgerOf(secretKey)).cancels).toHaveLength(2);
  });

  it("holds a key a charge refused before reading anything, so another body is refused", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey, { orderName: undefined });
    const headers = { "Idempotency-Key": "no-order-name" };
    const first = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(first).toMatchObject({ status: 400, body: { code: "INVALID_REQUIRED_PARAM" } });
    const repeat = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(repeat).toEqual({ ...first, headers: repeat.headers });
    const fixed = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body: { ...body, orderName: "프리미엄 구독 1월" },
      headers,
    });
    expect(fixed).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
    expect((await ledgerOf(secretKey)).payments).toHaveLength(0);
  });

  it("replays a decline and an unknown key, each recorded once", async () => {
    const secretKey = newSecretKey();
    const declining = await toolsKey(sandbox, secretKey, "card:41:4330000000000002");
    const body = chargeBody(declining.customerKey);
    const headers = { "Idempotency-Key": body.orderId as string };
    const path = billingPath(declining.billingKey);
    const first = await sandbox.api("POST", path, { secretKey, body, headers });
    expect(first).toMatchObject({ status: 403, body: { code: "REJECT_CARD_COMPANY" } });
    const repeat = await sandbox.api("POST", path, { secretKey, body, headers });
    expect(repeat.body).toEqual(first.body);
    const ledger = await ledgerOf(secretKey);
    expect(ledger.payments).toEqual([expect.objectContaining({ status: "ABORTED" })]);

    const unknown = billingPath("x".repeat(43) + "=");
    const missing = await sandbox.api("POST", unknown, { secretKey, body, headers });
    expect(missing).toMatchObject({ status: 404, body: { code: "NOT_FOUND_BILLING" } });
    const again = await sandbox.api("POST", unknown, {
      secretKey,
      body: { ...body, amount: 10_000 },
      headers,
    });
    expect(again).toMatchObject({ status: 422, body: { code: "IDEMPOTENCY_KEY_REUSED" } });
  });

  it("answers 409 IDEMPOTENT_REQUEST_PROCESSING while the first request runs", async () => {
    const secretKey = newSecretKey();
    // The slow test card answers after 30 s; the payment exists from the start.
    const { billingKey, customerKey } = await toolsKey(
      sandbox,
      secretKey,
      "card:41:4330000000000119",
    );
    const body = chargeBody(customerKey);
    const headers = { "Idempotency-Key": body.orderId as string };
    const controller = new AbortController();
    const slow = fetch(`${sandbox.base}${billingPath(billingKey)}`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`,
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).catch(() => null);
    await new Promise((r) => setTimeout(r, 300));
    const concurrent = await sandbox.api("POST", billingPath(billingKey), {
      secretKey,
      body,
      headers,
    });
    expect(concurrent).toMatchObject({
      status: 409,
      body: { code: "IDEMPOTENT_REQUEST_PROCESSING" },
    });
    const lookup = await sandbox.api("GET", `/v1/payments/orders/${body.orderId}`, { secretKey });
    expect(lookup.body?.status).toBe("DONE");
    controller.abort();
    await slow;
  });
});

describe("fault switches", () => {
  it("5xx does nothing; a lost answer did the work, and the same key replays it", async () => {
    const secretKey = newSecretKey();
    const { billingKey, customerKey } = await toolsKey(sandbox, secretKey);
    const body = chargeBody(customerKey);
    const headers = { "Idempotency-Key": body.orderId as string };

    await sandbox.tools("PUT", "/_sandbox/settings", { errorRate: 1 });
    const failed = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(failed).toMatchObject({
      status: 500,
      body: { code: "FAILED_INTERNAL_SYSTEM_PROCESSING" },
    });
    expect((await ledgerOf(secretKey)).payments).toHaveLength(0);

    await sandbox.tools("PUT", "/_sandbox/settings", { errorRate: 0, lostResponseRate: 1 });
    await expect(
      fetch(`${sandbox.base}${billingPath(billingKey)}`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`,
          "content-type": "application/json",
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    ).rejects.toThrow();
    expect((await ledgerOf(secretKey)).payments).toHaveLength(1);

    await sandbox.tools("PUT", "/_sandbox/settings", { lostResponseRate: 0 });
    const replay = await sandbox.api("POST", billingPath(billingKey), { secretKey, body, headers });
    expect(replay.body).toMatchObject({ status: "DONE", orderId: body.orderId });
    expect((await ledgerOf(secretKey)).payments).toHaveLength(1);
  });

  it("refuses rates that add up to more than 1", async () => {
    const answer = await sandbox.tools("PUT", "/_sandbox/settings", {
      errorRate: 0.6,
      timeoutRate: 0.6,
    });
    expect(answer.status).toBe(400);
  });
});
