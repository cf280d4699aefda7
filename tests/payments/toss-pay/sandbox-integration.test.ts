// The Toss Pay provider against the real sandbox (lib/sandbox/toss-pay) over real HTTP and this
// file's own database: register in the app screen → callback → confirm → charge → look up →
// refund → remove, plus the outcomes the billing engine depends on (decline, duplicate order
// id, a charge whose answer never arrives).
import { randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import type { AppLinks, PaymentProvider, ProviderEvent } from "@/lib/payments/types";

let sandbox: SandboxServer;
let callbacks: { server: Server; url: string; bodies: string[] };

beforeAll(async () => {
  sandbox = await startSandboxServer({
    db: db(),
    port: 0,
    basePath: "/sandbox/toss-pay",
    // Callbacks only to the receiver below (read when a callback is registered or sent).
    callbackOrigins: () => [new URL(callbacks.url).origin],
  });
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(Buffer.concat(chunks).toString("utf8"));
      res.end("OK");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  callbacks = { server, url: `http://localhost:${port}/api/payments/toss-pay/callback`, bodies };
});

afterAll(async () => {
  await sandbox.close();
  callbacks.server.closeAllConnections();
  await new Promise<void>((resolve) => callbacks.server.close(() => resolve()));
});

/** A merchant of its own per test: the sandbox accepts any sk_test_ key. */
function merchant(timeoutMs = 5_000): PaymentProvider {
  return createTossPayProvider({
    apiKey: `sk_test_${randomBytes(8).toString("hex")}`,
    baseUrl: sandbox.url,
    mode: "sandbox",
    timeoutMs,
  });
}

const id = (prefix: string) => `${prefix}_${randomBytes(6).toString("hex")}`;

async function register(provider: PaymentProvider, userId = id("cus")) {
  const started = await provider.startRegistration({
    providerCustomerId: userId,
    productDescription: "프리미엄 구독 결제수단 등록",
    callbackUrl: callbacks.url,
    successUrl: "http://localhost:3105/billing/toss-pay/return?result=success",
    failureUrl: "http://localhost:3105/billing/toss-pay/return?result=failure",
  });
  if (started.outcome !== "succeeded" || started.step.kind !== "app_links") {
    throw new Error(`registration did not start: ${JSON.stringify(started)}`);
  }
  return { userId, billingKey: started.step.billingKey, links: started.step.links };
}

/** What the customer does in the Toss app screen: open the link, pick a method, answer. */
async function answerInApp(links: AppLinks, action: "approve" | "cancel", instrument = "card:4") {
  const screen = await fetch(links.web);
  expect(screen.status).toBe(200);
  expect(await screen.text()).toContain("<form");
  const token = new URL(links.web).searchParams.get("token") ?? "";
  const [method, code, behavior] = instrument.split(":");
  const response = await fetch(`${sandbox.url}/payfront/billing/${action}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      token,
      method: `${method}:${code}`,
      behavior: behavior ?? "normal",
    }).toString(),
    redirect: "manual",
  });
  expect(response.status).toBe(303);
  return new URL(response.headers.get("location") ?? "");
}

async function activeMethod(provider: PaymentProvider, instrument = "card:4") {
  const key = await register(provider);
  await answerInApp(key.links, "approve", instrument);
  return key;
}

async function waitForCallback(billingKey: string): Promise<ProviderEvent> {
  const deadline = Date.now() + 10_000;
  const parser = merchant();
  while (Date.now() < deadline) {
    for (const rawBody of callbacks.bodies) {
      const parsed = await parser.parseEvent({ rawBody, headers: new Headers() });
      if (parsed.ok && parsed.event.billingKey === billingKey) return parsed.event;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("no callback arrived");
}

async function setFaults(settings: Record<string, number>) {
  const response = await fetch(`${sandbox.url}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  expect(response.status).toBe(200);
}

describe("Toss Pay provider against the sandbox", () => {
  it("registers, charges, looks up, refunds and removes", async () => {
    const provider = merchant();
    const key = await register(provider);

    // Before the customer answers, the key is only pending.
    expect(
      await provider.completeRegistration({
        providerCustomerId: key.userId,
        billingKey: key.billingKey,
      }),
    ).toMatchObject({ outcome: "pending", code: "BILLING_KEY_CREATE" });

    const back = await answerInApp(key.links, "approve", "card:4");
    expect(back.searchParams.get("result")).toBe("success");

    const event = await waitForCallback(key.billingKey);
    expect(event).toMatchObject({
      type: "registration_completed",
      verified: false,
      customer: { providerCustomerId: key.userId },
    });
    expect(JSON.stringify(event.payload)).not.toContain(key.billingKey);

    const confirmed = await provider.completeRegistration({
      providerCustomerId: key.userId,
      billingKey: key.billingKey,
    });
    expect(confirmed).toMatchObject({
      outcome: "succeeded",
      billingKey: key.billingKey,
      method: { kind: "card", cardCompany: "국민", cardCompanyCode: "4", cardType: "check" },
    });
    expect(
      await provider.getMethod({ providerCustomerId: key.userId, billingKey: key.billingKey }),
    ).toMatchObject({ outcome: "succeeded", status: "active", method: { kind: "card" } });

    // Charge, and see the receipt.
    const orderId = id("sub_p1_a1");
    const charged = await provider.charge({
      billingKey: key.billingKey,
      customer: { providerCustomerId: key.userId },
      orderId,
      orderName: "프리미엄 구독 1월",
      amount: 9_900,
      amountTaxFree: 0,
    });
    if (charged.outcome !== "succeeded") throw new Error(JSON.stringify(charged));
    expect(charged.charge).toMatchObject({ orderId, amount: 9_900, testMode: true });
    expect(JSON.stringify(charged.raw)).not.toContain(key.billingKey);
    expect((await fetch(charged.charge.receiptUrl ?? "")).status).toBe(200);

    // The same order id again is "look it up", and the lookup finds the one charge.
    const again = await provider.charge({
      billingKey: key.billingKey,
      customer: { providerCustomerId: key.userId },
      orderId,
      orderName: "프리미엄 구독 1월",
      amount: 9_900,
      amountTaxFree: 0,
    });
    expect(again).toMatchObject({ outcome: "unknown", code: "PAYMENT_DUPLICATION_ORDER_NO" });
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      outcome: "succeeded",
      charge: {
        providerPaymentId: charged.charge.providerPaymentId,
        amount: 9_900,
        refundedAmount: 0,
        transactions: [{ kind: "payment", amount: 9_900 }],
      },
    });
    expect(await provider.lookUpCharge({ orderId: id("never_sent") })).toMatchObject({
      outcome: "not_found",
    });

    // A partial refund, resent with the same refundNo (refunded once), then the rest.
    const partial = {
      orderId,
      providerPaymentId: charged.charge.providerPaymentId,
      refundNo: id("rf"),
      amount: 2_000,
      reason: "고객 요청: 부분 환불",
    };
    expect(await provider.refund(partial)).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 2_000, refundableAmount: 7_900 },
    });
    expect(await provider.refund(partial)).toMatchObject({ outcome: "succeeded" });
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      charge: { refundedAmount: 2_000, refundableAmount: 7_900 },
    });
    expect(
      await provider.refund({
        orderId,
        providerPaymentId: charged.charge.providerPaymentId,
        refundNo: id("rf"),
        reason: "전액 환불",
      }),
    ).toMatchObject({ outcome: "succeeded", refund: { refundedAmount: 7_900 } });
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      outcome: "succeeded",
      charge: { refundedAmount: 9_900, refundableAmount: 0 },
    });

    // Removal; the key is dead afterwards, and a second removal is not an error.
    const method = { providerCustomerId: key.userId, billingKey: key.billingKey };
    expect(await provider.removeMethod(method)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: false,
    });
    expect(await provider.getMethod(method)).toMatchObject({ status: "removed" });
    expect(
      await provider.charge({
        billingKey: key.billingKey,
        customer: { providerCustomerId: key.userId },
        orderId: id("sub_p2_a1"),
        orderName: "프리미엄 구독 2월",
        amount: 9_900,
        amountTaxFree: 0,
      }),
    ).toMatchObject({ outcome: "needs_new_method" });
    expect(await provider.removeMethod(method)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: true,
    });
  });

  it("reports a cancellation in the app as a declined registration", async () => {
    const provider = merchant();
    const key = await register(provider);
    const back = await answerInApp(key.links, "cancel");
    expect(back.searchParams.get("result")).toBe("failure");
    expect(
      await provider.completeRegistration({
        providerCustomerId: key.userId,
        billingKey: key.billingKey,
      }),
    ).toMatchObject({ outcome: "declined", code: "BILLING_KEY_CANCEL" });
  });

  it.each([
    ["card:1:insufficient", "CARD_NOT_ENOUGH_BALANCE", "카드 잔액이 부족해요."],
    ["card:3:limit", "CARD_EXCEED_LIMIT", "카드 한도를 넘었어요."],
    ["account:088:insufficient", "COMMON_NOT_ENOUGH_CASH", "잔액이 부족해요."],
  ])("declines %s with %s and a Korean message", async (instrument, code, message) => {
    const provider = merchant();
    const key = await activeMethod(provider, instrument);
    const orderId = id("sub_p1_a1");
    const result = await provider.charge({
      billingKey: key.billingKey,
      customer: { providerCustomerId: key.userId },
      orderId,
      orderName: "프리미엄 구독 1월",
      amount: 9_900,
      amountTaxFree: 0,
    });
    expect(result).toMatchObject({ outcome: "declined", code });
    expect(result.customerMessage).toContain(message);
    expect(result.merchantMessage).toContain(code);
    // No money moved under that order id.
    expect((await provider.lookUpCharge({ orderId })).outcome).not.toBe("succeeded");
  });

  it("never calls a charge whose answer is late a failure: the lookup finds it", async () => {
    const provider = merchant(1_000);
    const key = await activeMethod(provider, "card:2:slow");
    const orderId = id("sub_p1_a1");
    const started = Date.now();
    const result = await provider.charge({
      billingKey: key.billingKey,
      customer: { providerCustomerId: key.userId },
      orderId,
      orderName: "프리미엄 구독 1월",
      amount: 9_900,
      amountTaxFree: 0,
    });
    expect(result).toMatchObject({ outcome: "unknown", code: "TIMEOUT" });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await provider.lookUpCharge({ orderId })).toMatchObject({
      outcome: "succeeded",
      charge: { amount: 9_900 },
    });
  });

  it("treats a lost answer and a 500 as unknown; the lookup tells which happened", async () => {
    const provider = merchant();
    const key = await activeMethod(provider);
    const charge = (orderId: string) =>
      provider.charge({
        billingKey: key.billingKey,
        customer: { providerCustomerId: key.userId },
        orderId,
        orderName: "프리미엄 구독 1월",
        amount: 9_900,
        amountTaxFree: 0,
      });

    const lostOrder = id("sub_lost");
    await setFaults({ lostResponseRate: 1 });
    try {
      expect((await charge(lostOrder)).outcome).toBe("unknown");
    } finally {
      await setFaults({ lostResponseRate: 0 });
    }
    expect((await provider.lookUpCharge({ orderId: lostOrder })).outcome).toBe("succeeded");

    const failedOrder = id("sub_500");
    await setFaults({ errorRate: 1 });
    try {
      expect(await charge(failedOrder)).toMatchObject({ outcome: "unknown", code: "HTTP_500" });
    } finally {
      await setFaults({ errorRate: 0 });
    }
    expect((await provider.lookUpCharge({ orderId: failedOrder })).outcome).toBe("not_found");
  });
});
