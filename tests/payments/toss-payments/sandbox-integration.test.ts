// The Toss Payments provider against its sandbox (lib/sandbox/toss-payments) over real HTTP and
// this file's own database, mounted at /sandbox/toss-payments like the app mounts it: every
// verb, the Idempotency-Key each sends and what a replay does, a timeout settled by the order
// id lookup, a registration completed with an authKey the sandbox's window minted, and
// BILLING_DELETED end to end: the sandbox's webhook reaches our route, flags the method
// without ending the subscription, and the next charge's answer confirms the removal.
import { randomBytes, randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, like } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { POST as webhookRoute } from "@/app/api/payments/[provider]/webhook/route";
import { chargeOutstandingPeriod } from "@/lib/billing/charge-outstanding-period";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  providerEvents,
  rateLimits,
  subscriptions,
  users,
} from "@/lib/db/schema";
import { PROVIDER_STATUS_CALL_RULE } from "@/lib/payment-methods/provider-status-budget";
import { removalReportStands } from "@/lib/payment-methods/report-method-removal";
import { idempotencyKeys } from "@/lib/payments/toss-payments/client";
import {
  createTossPaymentsProvider,
  tossPaymentsCustomerKey,
} from "@/lib/payments/toss-payments/provider";
import type { PaymentProvider } from "@/lib/payments/types";
import {
  answerInWindow,
  sandboxMerchant,
  startTossPaymentsSandbox,
  type Json,
  type TossPaymentsSandbox,
} from "./support";
import { createPlan } from "../../billing/support/billing-harness";

let sandbox: TossPaymentsSandbox;
let receiver: { server: Server; url: string; statuses: number[] };

/** Our webhook route behind a real port, so the sandbox delivers to it as Toss would. */
async function startWebhookReceiver() {
  const statuses: number[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (typeof value === "string") headers.set(name, value);
      }
      webhookRoute(
        new Request(`http://app${req.url ?? "/"}`, {
          method: "POST",
          headers,
          body: Buffer.concat(chunks),
        }),
        { params: Promise.resolve({ provider: "toss-payments" }) },
      )
        .then(async (response) => {
          statuses.push(response.status);
          res.writeHead(response.status);
          res.end(await response.text());
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/api/payments/toss-payments/webhook`, statuses };
}

// The tests of this file share one database and run within a second or two, so their webhook
// checks would spend each other's shared provider status budget (provider-status-budget.ts:
// 10 a second); each test starts with this second's budget unspent, as a real store would.
beforeEach(async () => {
  await db()
    .delete(rateLimits)
    .where(like(rateLimits.key, `${PROVIDER_STATUS_CALL_RULE.name}:%`));
});

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  sandbox = await startTossPaymentsSandbox(() => [new URL(receiver.url).origin]);
  await tools("PUT", "/_sandbox/settings", { webhookUrl: receiver.url, webhookRetryMinuteMs: 50 });
});

afterAll(async () => {
  await sandbox.server.close();
  receiver.server.closeAllConnections();
  await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
});

function tools(method: string, path: string, body?: unknown) {
  return sandbox.tools(method, path, body);
}

function merchant(timeoutMs = 5_000) {
  return sandboxMerchant(sandbox.url, timeoutMs);
}

/** What the sandbox's ledger holds under an order id: what was really charged. */
async function ledgerPayments(secretKey: string, id: string): Promise<Json[]> {
  const ledger = await tools("GET", `/_sandbox/ledger?secretKey=${secretKey}`);
  return (ledger.payments as Json[]).filter((p) => p.orderId === id);
}

const orderId = () => `ord_${randomBytes(8).toString("hex")}`;

/** A key issued as if the customer had registered `instrument` in the window. */
async function sandboxKey(secretKey: string, instrument = "card:41:4330123412341234") {
  const customerKey = randomUUID();
  const billing = await tools("POST", "/_sandbox/billing-keys", {
    secretKey,
    customerKey,
    instrument,
  });
  return { customerKey, billingKey: billing.billingKey as string };
}

function charge(
  provider: PaymentProvider,
  key: { customerKey: string; billingKey: string },
  id = orderId(),
  amount = 9_900,
) {
  return provider.charge({
    billingKey: key.billingKey,
    customer: { providerCustomerId: key.customerKey },
    orderId: id,
    orderName: "프리미엄 월간 구독",
    amount,
    amountTaxFree: 0,
  });
}

describe("Toss Payments provider against the sandbox", () => {
  it("charges a card, finds it by order id, refunds part of it, and replays by idempotency key", async () => {
    const { provider, secretKey } = merchant();
    const key = await sandboxKey(secretKey);
    const id = orderId();
    const charged = await charge(provider, key, id);
    expect(charged).toMatchObject({
      outcome: "succeeded",
      charge: {
        orderId: id,
        amount: 9_900,
        testMode: true,
        method: { kind: "card", cardCompany: "신한", cardCompanyCode: "41", cardType: "credit" },
      },
    });
    if (charged.outcome !== "succeeded") throw new Error("not charged");

    // The same attempt again (a resend after a lost answer): same key, same answer, no second charge.
    const again = await charge(provider, key, id);
    expect(again).toMatchObject({
      outcome: "succeeded",
      charge: { providerPaymentId: charged.charge.providerPaymentId },
    });
    // The key is sent: the same order id with another body is refused by the sandbox as a
    // reused key (without a key it would answer DUPLICATED_ORDER_ID), and read as unknown.
    expect(await charge(provider, key, id, 5_000)).toMatchObject({
      outcome: "unknown",
      code: "IDEMPOTENCY_KEY_REUSED",
    });
    expect(await ledgerPayments(secretKey, id)).toEqual([
      expect.objectContaining({ totalAmount: 9_900, status: "DONE" }),
    ]);
    expect(idempotencyKeys.charge(id)).toBe(`charge-${id}`);

    const refundInput = {
      orderId: id,
      providerPaymentId: charged.charge.providerPaymentId,
      refundNo: `rf_${randomBytes(6).toString("hex")}`,
      amount: 3_000,
      reason: "고객 요청",
    };
    const refunded = await provider.refund(refundInput);
    expect(refunded).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 3_000, refundableAmount: 6_900 },
    });
    // Retried with the same refund number: replayed, not refunded twice.
    expect(await provider.refund(refundInput)).toMatchObject({
      outcome: "succeeded",
      refund: { refundedAmount: 3_000, refundableAmount: 6_900 },
    });
    expect((await tools("GET", `/_sandbox/ledger?secretKey=${secretKey}`)).cancels).toHaveLength(1);

    expect(await provider.lookUpCharge({ orderId: id })).toMatchObject({
      outcome: "succeeded",
      charge: { amount: 9_900, refundedAmount: 3_000, refundableAmount: 6_900 },
    });
    expect(await provider.lookUpCharge({ orderId: orderId() })).toMatchObject({
      outcome: "not_found",
    });
  });

  it("learns a 퀵계좌이체 account's bank from the first charge", async () => {
    const { provider, secretKey } = merchant();
    const key = await sandboxKey(secretKey, "account:shinhan");
    expect(await charge(provider, key)).toMatchObject({
      outcome: "succeeded",
      charge: { method: { kind: "account", bankCode: "088", bankName: "신한은행" } },
    });
  });

  it.each([
    ["card:41:4330000000000002", "declined", "REJECT_CARD_COMPANY"],
    ["card:41:4330000000009995", "declined", "REJECT_CARD_PAYMENT"],
    ["account:kakaobank-low", "declined", "REJECT_ACCOUNT_PAYMENT"],
    ["card:41:4330000000000069", "needs_new_method", "INVALID_STOPPED_CARD"],
  ])("maps the sandbox's %s to %s (%s)", async (instrument, outcome, code) => {
    const { provider, secretKey } = merchant();
    const key = await sandboxKey(secretKey, instrument);
    const id = orderId();
    const result = await charge(provider, key, id);
    expect(result).toMatchObject({ outcome, code });
    expect(result.customerMessage).toMatch(/[가-힣]/);
    // Looked up later (after a lost answer), the order says the same: nothing was charged.
    expect(await provider.lookUpCharge({ orderId: id })).toMatchObject({ outcome, code });
  });

  it("refuses a wrong secret key and a wrong customerKey with the documented codes", async () => {
    const { provider, secretKey } = merchant();
    const key = await sandboxKey(secretKey);
    expect(await charge(merchant().provider, key)).toMatchObject({
      outcome: "needs_new_method",
      code: "NOT_FOUND_BILLING",
    });
    expect(await charge(provider, { ...key, customerKey: randomUUID() })).toMatchObject({
      outcome: "needs_new_method",
      code: "NOT_MATCHES_CUSTOMER_KEY",
    });
    const wrongKey = createTossPaymentsProvider({
      secretKey: "live_sk_notasandboxkey",
      clientKey: "live_ck_x",
      baseUrl: sandbox.url,
      scriptUrl: "",
      mode: "sandbox",
    });
    expect(await charge(wrongKey, key)).toMatchObject({
      outcome: "config_error",
      code: "UNAUTHORIZED_KEY",
    });
  });

  it("reads a charge whose answer is lost as unknown, and the lookup settles it", async () => {
    const { provider, secretKey } = merchant(1_000);
    const key = await sandboxKey(secretKey);
    await tools("PUT", "/_sandbox/settings", { lostResponseRate: 1 });
    const id = orderId();
    let result;
    try {
      result = await charge(provider, key, id);
    } finally {
      await tools("PUT", "/_sandbox/settings", { lostResponseRate: null });
    }
    expect(result.outcome).toBe("unknown");
    expect(await provider.lookUpCharge({ orderId: id })).toMatchObject({
      outcome: "succeeded",
      charge: { orderId: id, amount: 9_900 },
    });
    // Resent under the same key: the first charge, not a second one.
    expect(await charge(provider, key, id)).toMatchObject({ outcome: "succeeded" });
    expect(await ledgerPayments(secretKey, id)).toHaveLength(1);
  });

  it("times a slow charge out as unknown; a resend replays the first, the lookup finds it charged", async () => {
    const { provider, secretKey } = merchant(800);
    // The sandbox's slow card: the charge is recorded at once, the answer takes 30 s.
    const key = await sandboxKey(secretKey, "card:41:4330000000000119");
    const id = orderId();
    expect(await charge(provider, key, id)).toMatchObject({ outcome: "unknown", code: "TIMEOUT" });
    // Resent under the same key: the first charge's answer, or 409 while it still runs
    // (IDEMPOTENT_REQUEST_PROCESSING, unknown) — never a second charge.
    const resent = await charge(provider, key, id);
    expect(["succeeded", "unknown"]).toContain(resent.outcome);
    expect(await provider.lookUpCharge({ orderId: id })).toMatchObject({
      outcome: "succeeded",
      charge: { orderId: id, amount: 9_900 },
    });
    expect(await ledgerPayments(secretKey, id)).toHaveLength(1);
  });

  it("deletes a key; deleting it again counts as already removed", async () => {
    const { provider, secretKey } = merchant();
    const key = await sandboxKey(secretKey);
    const input = { providerCustomerId: key.customerKey, billingKey: key.billingKey };
    expect(await provider.removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: false,
    });
    expect(await provider.removeMethod(input)).toMatchObject({
      outcome: "succeeded",
      alreadyRemoved: true,
    });
    expect(await charge(provider, key)).toMatchObject({ outcome: "needs_new_method" });
  });
});

/** A customer whose active Toss Payments method holds a sandbox key, on an active subscription. */
async function subscriber(secretKey: string, instrument = "card:41:4330123412341234") {
  const [user] = await db()
    .insert(users)
    .values({ email: `tp-${randomBytes(4).toString("hex")}@example.com`, name: "구독 고객" })
    .returning();
  const customerKey = tossPaymentsCustomerKey(user!.providerCustomerId);
  const billing = await tools("POST", "/_sandbox/billing-keys", {
    secretKey,
    customerKey,
    instrument,
  });
  const billingKey = billing.billingKey as string;
  const plan = await createPlan();
  const methodId = randomUUID();
  const { ciphertext, keyVersion } = encryptBillingKey(billingKey, methodId);
  await db()
    .insert(paymentMethods)
    .values({
      id: methodId,
      userId: user!.id,
      provider: "toss_payments",
      providerCustomerId: customerKey,
      billingKeyCiphertext: ciphertext,
      billingKeyFingerprint: fingerprintBillingKey(billingKey),
      keyVersion,
      status: "active",
      kind: "card",
      activatedAt: new Date(),
      testMode: true,
    });
  const start = new Date(Date.now() - 31 * 86_400_000);
  const [subscription] = await db()
    .insert(subscriptions)
    .values({
      userId: user!.id,
      planId: plan.id,
      paymentMethodId: methodId,
      status: "active",
      priceAmount: plan.amount,
      periodNumber: 1,
      billingAnchorAt: start,
      currentPeriodStart: start,
      currentPeriodEnd: new Date(Date.now() - 60_000),
      nextChargeAt: new Date(Date.now() - 60_000),
    })
    .returning();
  return { billingKey, methodId, subscriptionId: subscription!.id };
}

async function methodRow(id: string) {
  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, id));
  return row!;
}

async function subscriptionRow(id: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return row!;
}

async function waitFor<T>(read: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function approveInWindow(launch: Json, answer: Record<string, string>) {
  return (await answerInWindow(sandbox.url, launch, answer)).searchParams;
}

async function startWindow(provider: PaymentProvider, method: "card" | "account") {
  const customerKey = tossPaymentsCustomerKey(`cus_${randomBytes(16).toString("hex")}`);
  const origin = new URL(receiver.url).origin;
  const started = await provider.startRegistration({
    providerCustomerId: customerKey,
    method,
    productDescription: "프리미엄 구독",
    callbackUrl: `${origin}/api/payments/toss-payments/callback`,
    successUrl: `${origin}/api/payments/toss-payments/return?state=s&result=success`,
    failureUrl: `${origin}/api/payments/toss-payments/return?state=s&result=failure`,
  });
  if (started.outcome !== "succeeded" || started.step.kind !== "browser") {
    throw new Error(`registration did not start: ${JSON.stringify(started)}`);
  }
  expect(started.step.launch).toMatchObject({
    type: "script",
    scriptUrl: `${sandbox.url}/v2/standard`,
  });
  return { customerKey, launch: started.step.launch as unknown as Json };
}

describe("registration through the sandbox's window", () => {
  it("issues a card key with the authKey the window minted; a resend replays, another merchant cannot", async () => {
    const { provider, secretKey } = merchant();
    const { customerKey, launch } = await startWindow(provider, "card");
    const returned = await approveInWindow(launch, {
      issuerCode: "41",
      cardNumber: "4330-1234-1234-1234",
      cardType: "체크",
      ownerType: "개인",
      outcome: "approve",
    });
    expect(returned.get("customerKey")).toBe(customerKey);
    const authKey = returned.get("authKey") ?? "";

    const done = await provider.completeRegistration({ providerCustomerId: customerKey, authKey });
    expect(done).toMatchObject({
      outcome: "succeeded",
      method: { kind: "card", cardCompany: "신한", cardCompanyCode: "41", cardType: "check" },
    });
    if (done.outcome !== "succeeded") throw new Error("not registered");
    expect(JSON.stringify(done.raw)).not.toContain(done.billingKey);

    // The return handled twice (a double click, a retry after a timeout): the same key.
    expect(
      await provider.completeRegistration({ providerCustomerId: customerKey, authKey }),
    ).toMatchObject({ outcome: "succeeded", billingKey: done.billingKey });
    // The one-time authKey is spent for anyone else.
    expect(
      await merchant().provider.completeRegistration({ providerCustomerId: customerKey, authKey }),
    ).toMatchObject({ outcome: "declined", code: "INVALID_BILLING_AUTH" });

    expect(await charge(provider, { customerKey, billingKey: done.billingKey })).toMatchObject({
      outcome: "succeeded",
    });
    expect(secretKey).toMatch(/^test_sk_/);
  });

  it("registers a 퀵계좌이체 account without its bank, which the first charge reveals", async () => {
    const { provider } = merchant();
    const { customerKey, launch } = await startWindow(provider, "account");
    expect((launch.calls as Json[])[2]!.args[0].method).toBe("TRANSFER");
    const returned = await approveInWindow(launch, { account: "kookmin" });
    const done = await provider.completeRegistration({
      providerCustomerId: customerKey,
      authKey: returned.get("authKey") ?? "",
    });
    expect(done).toMatchObject({
      outcome: "succeeded",
      method: { kind: "account", bankCode: null, bankName: null, maskedAccountNumber: null },
    });
    if (done.outcome !== "succeeded") throw new Error("not registered");
    expect(await charge(provider, { customerKey, billingKey: done.billingKey })).toMatchObject({
      outcome: "succeeded",
      charge: { method: { kind: "account", bankCode: "006", bankName: "KB국민은행" } },
    });
  });

  it("refuses an authKey for another customer", async () => {
    const { provider } = merchant();
    const { launch } = await startWindow(provider, "card");
    const returned = await approveInWindow(launch, {
      issuerCode: "11",
      cardNumber: "4330123412341234",
      outcome: "approve",
    });
    expect(
      await provider.completeRegistration({
        providerCustomerId: randomUUID(),
        authKey: returned.get("authKey") ?? "",
      }),
    ).toMatchObject({ outcome: "declined", code: "NOT_MATCHES_CUSTOMER_KEY" });
  });
});

describe("BILLING_DELETED end to end", () => {
  it("a forged BILLING_DELETED for a key that still charges ends nothing", async () => {
    const { provider, secretKey } = merchant();
    const customer = await subscriber(secretKey);
    const response = await webhookRoute(
      new Request("http://app/api/payments/toss-payments/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "tosspayments-webhook-transmission-id": `forged_${randomBytes(6).toString("hex")}`,
        },
        body: JSON.stringify({
          eventType: "BILLING_DELETED",
          createdAt: "2026-12-06T10:00:00.000000",
          data: { billingKey: customer.billingKey, reason: "삭제 API 요청" },
        }),
      }),
      { params: Promise.resolve({ provider: "toss-payments" }) },
    );
    expect(response.status).toBe(200);
    expect(await methodRow(customer.methodId)).toMatchObject({ status: "active" });
    expect((await methodRow(customer.methodId)).removalReportedAt).toBeInstanceOf(Date);
    expect(await removalReportStands(await methodRow(customer.methodId))).toBe(true);

    // The renewal goes through: the report was wrong, the subscription carries on.
    const outcome = await chargeOutstandingPeriod(customer.subscriptionId, {
      providerFor: () => provider,
    });
    expect(outcome).toMatchObject({ kind: "settled" });
    expect(await methodRow(customer.methodId)).toMatchObject({ status: "active" });
    expect(await subscriptionRow(customer.subscriptionId)).toMatchObject({
      status: "active",
      periodNumber: 2,
    });
    expect(await removalReportStands(await methodRow(customer.methodId))).toBe(false);
  });

  // A billing run as of a later date (npm run billing:run -- --now, the e2e lifecycle journey)
  // writes charges dated after the real clock; a report received after them still stands.
  it("a report received after a charge dated in the future (a simulated month) still stands", async () => {
    const { provider, secretKey } = merchant();
    const customer = await subscriber(secretKey);
    const nextMonth = new Date(Date.now() + 31 * 86_400_000);
    const outcome = await chargeOutstandingPeriod(customer.subscriptionId, {
      providerFor: () => provider,
      now: nextMonth,
    });
    expect(outcome).toMatchObject({ kind: "settled" });

    await tools("POST", "/_sandbox/billing-keys/delete", { billingKey: customer.billingKey });
    const response = await webhookRoute(
      new Request("http://app/api/payments/toss-payments/webhook", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "tosspayments-webhook-transmission-id": `late_${randomBytes(6).toString("hex")}`,
        },
        body: JSON.stringify({
          eventType: "BILLING_DELETED",
          createdAt: "2026-12-06T10:00:00.000000",
          data: { billingKey: customer.billingKey, reason: "샌드박스 개발 도구에서 삭제" },
        }),
      }),
      { params: Promise.resolve({ provider: "toss-payments" }) },
    );
    expect(response.status).toBe(200);
    // The sandbox's delete sends its own BILLING_DELETED to our receiver too; whichever delivery
    // is handled first reports the removal (the other is absorbed as a copy), so wait for it.
    await waitFor(
      async () => (await methodRow(customer.methodId)).removalReportedAt,
      "the removal report",
    );
    const method = await methodRow(customer.methodId);
    expect(method.removalReportedAt!.getTime()).toBeGreaterThanOrEqual(nextMonth.getTime());
    expect(await removalReportStands(method)).toBe(true);
  });

  it("a charge answered NOT_FOUND_BILLING confirms a reported removal: the method is removed", async () => {
    const { secretKey } = merchant();
    const customer = await subscriber(secretKey);
    await tools("POST", "/_sandbox/billing-keys/delete", { billingKey: customer.billingKey });
    await waitFor(
      async () => (await methodRow(customer.methodId)).removalReportedAt,
      "the removal report",
    );
    // Another merchant's key never knew this billing key: Toss answers NOT_FOUND_BILLING.
    const stranger = merchant().provider;
    await chargeOutstandingPeriod(customer.subscriptionId, { providerFor: () => stranger });
    const [attempt] = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, customer.subscriptionId));
    expect(attempt).toMatchObject({
      failureCategory: "needs_new_method",
      errorCode: "NOT_FOUND_BILLING",
    });
    expect(await methodRow(customer.methodId)).toMatchObject({ status: "removed" });
  });

  it("a real deletion: the sandbox's webhook flags the method, the next charge confirms it", async () => {
    const { provider, secretKey } = merchant();
    const customer = await subscriber(secretKey);
    await tools("POST", "/_sandbox/billing-keys/delete", { billingKey: customer.billingKey });

    const event = await waitFor(async () => {
      const rows = await db()
        .select()
        .from(providerEvents)
        .where(eq(providerEvents.provider, "toss_payments"));
      return rows.find((r) => r.outcome?.includes(customer.methodId));
    }, "the BILLING_DELETED webhook");
    expect(event).toMatchObject({ eventType: "BILLING_DELETED", verified: false });
    expect(event.dedupeKey).toMatch(/^transmission:/);
    expect(receiver.statuses).toContain(200);
    expect(await methodRow(customer.methodId)).toMatchObject({ status: "active" });
    expect(await subscriptionRow(customer.subscriptionId)).toMatchObject({ status: "active" });

    await chargeOutstandingPeriod(customer.subscriptionId, { providerFor: () => provider });
    const [attempt] = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, customer.subscriptionId));
    expect(attempt).toMatchObject({
      status: "failed",
      failureCategory: "needs_new_method",
      errorCode: "INVALID_BILL_KEY_REQUEST",
    });
    expect(await methodRow(customer.methodId)).toMatchObject({ status: "removed" });
    expect((await subscriptionRow(customer.subscriptionId)).status).not.toBe("active");
  });
});
