// Linking a payment method end to end, over real HTTP: our code asks the Toss Pay sandbox for
// a billing key, the "customer" approves on the sandbox's Toss app screen, the sandbox POSTs
// the resultCallback to our callback route, and we confirm with /billing-key/status before
// anything changes. Outcomes are asserted in our tables and in the sandbox's own ledger.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  consents,
  paymentMethods,
  providerEvents,
  subscriptions,
} from "@/lib/db/schema";
import { syncRegistration } from "@/lib/payment-methods/sync-registration";
import { removeMethod } from "@/lib/payment-methods/remove-method";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import {
  checkoutToken,
  createCustomer,
  createPlan,
  startHarness,
  waitFor,
  type Harness,
} from "./support/app-harness";
import { appLinkOf } from "./support/app-link";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

let n = 0;
const email = () => `customer${++n}-${Date.now()}@example.com`;

async function approve(link: string, instrument = "card:4:normal") {
  const res = await harness.sandboxPost("/payfront/billing/approve", {
    token: checkoutToken(link),
    instrument,
  });
  expect([200, 302, 303]).toContain(res.status);
}

async function methodRow(id: string) {
  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, id));
  if (!row) throw new Error("method missing");
  return row;
}

async function liveSubscription(userId: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.userId, userId));
  return row;
}

/** What the sandbox itself recorded for a Toss Pay userId: every charge it made. */
async function ledger(userId: string) {
  const [row] = await db().execute<{ total: number; approved: number }>(sql`
    select count(*)::int as total, count(approved_at)::int as approved
    from sandbox_toss_pay.charges where user_id = ${userId}`);
  return { total: row?.total ?? -1, approved: row?.approved ?? -1 };
}

async function sandboxBillingKey(userId: string): Promise<string> {
  const [row] = await db().execute<{ billing_key: string }>(
    sql`select billing_key from sandbox_toss_pay.billing_keys where user_id = ${userId}`,
  );
  if (!row) throw new Error("no sandbox key");
  return row.billing_key;
}

describe("linking a Toss Pay method", () => {
  it("activates on the callback, charges the first period once, and shows the card", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    expect(method.status).toBe("pending");
    expect(method.billingKeyCiphertext).not.toContain("billing"); // encrypted, not the key
    expect(appLinkOf(method)).toMatch(/^http/);

    await approve(appLinkOf(method));
    const active = await waitFor(async () => {
      const sub = await liveSubscription(user.id);
      return sub?.status === "active" ? sub : null;
    });
    expect(active.periodNumber).toBe(1);
    const row = await methodRow(method.id);
    expect(row).toMatchObject({ status: "active", kind: "card", cardCompany: "국민" });
    expect(row.cardNumberMasked).toMatch(/\*/);

    const [attempt] = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, active.id));
    expect(attempt).toMatchObject({ status: "succeeded", amount: 9_900, periodNumber: 1 });
    expect(attempt?.receiptUrl).toMatch(/sales-check/);
    expect((await ledger(method.providerCustomerId)).approved).toBe(1);

    const status = await getRegistrationStatus(user.id, method.id);
    expect(status).toMatchObject({
      state: "active",
      charge: { status: "succeeded", amount: 9_900 },
    });
  });

  it("survives callback retries and duplicate deliveries: activated once, charged once", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    harness.failNextCallbacks(2);
    const before = harness.callbackDeliveries();
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    await approve(appLinkOf(method));
    await waitFor(async () => (await liveSubscription(user.id))?.status === "active", {
      timeoutMs: 15_000,
    });
    expect(harness.callbackDeliveries() - before).toBeGreaterThanOrEqual(3);

    // Replay the same callback five more times, straight at the route.
    const [event] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventType, "ACTIVATED"));
    expect(event).toBeDefined();
    const { POST } = await import("@/app/api/payments/[provider]/callback/route");
    const billingKey = await sandboxBillingKey(method.providerCustomerId);
    for (let i = 0; i < 5; i++) {
      const response = await POST(
        new Request("http://app/api/payments/toss-pay/callback", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            action: "ACTIVATED",
            processedTs: "2026-11-25 10:00:00",
            userId: method.providerCustomerId,
            billingKey,
            payMethod: "CARD",
          }),
        }),
        { params: Promise.resolve({ provider: "toss-pay" }) },
      );
      expect(response.status).toBe(200);
    }
    const attempts = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.userId, user.id));
    expect(attempts).toHaveLength(1);
    expect((await ledger(method.providerCustomerId)).approved).toBe(1);
  });

  it("ignores a forged callback and answers without revealing anything", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    const { POST } = await import("@/app/api/payments/[provider]/callback/route");

    // An unknown key, and the real key of a registration the customer never approved.
    const realKey = await sandboxBillingKey(method.providerCustomerId);
    for (const billingKey of ["forged-key-123", realKey]) {
      const response = await POST(
        new Request("http://app/api/payments/toss-pay/callback", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            action: "ACTIVATED",
            processedTs: "2026-11-25 10:00:00",
            userId: method.providerCustomerId,
            billingKey,
            payMethod: "CARD",
          }),
        }),
        { params: Promise.resolve({ provider: "toss-pay" }) },
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ code: 0 });
    }
    expect((await methodRow(method.id)).status).toBe("pending");
    expect((await liveSubscription(user.id))?.status).toBe("incomplete");
    const logged = await db().select().from(providerEvents);
    const outcomes = logged.map((e) => e.outcome ?? "");
    expect(outcomes.some((o) => o.startsWith("ignored: no payment method"))).toBe(true);
    expect(outcomes.some((o) => o.startsWith("not activated"))).toBe(true);
    expect(logged.every((e) => JSON.stringify(e.payload).includes("forged-key") === false)).toBe(
      true,
    );

    // Garbage is logged as rejected, still 200.
    const garbage = await POST(
      new Request("http://app/api/payments/toss-pay/callback", {
        method: "POST",
        body: "not json",
      }),
      { params: Promise.resolve({ provider: "toss-pay" }) },
    );
    expect(garbage.status).toBe(200);
  });

  it("recovers a lost callback when the customer comes back (return page sync)", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    harness.failNextCallbacks(1000); // our server is "down" for every delivery
    try {
      const { method } = await startCheckout({
        provider: "toss_pay",
        userId: user.id,
        planSlug: plan.slug,
      });
      await approve(appLinkOf(method));
      expect((await methodRow(method.id)).status).toBe("pending");
      const synced = await syncRegistration(method.id, { inline: true });
      expect(synced.state).toBe("active");
      expect((await liveSubscription(user.id))?.status).toBe("active");
      expect((await ledger(method.providerCustomerId)).approved).toBe(1);
    } finally {
      harness.failNextCallbacks(0);
    }
  });

  it("fails the registration with the Toss app's reason when the customer cancels", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    const res = await harness.sandboxPost("/payfront/billing/cancel", {
      token: checkoutToken(appLinkOf(method)),
    });
    expect([200, 302, 303]).toContain(res.status);
    const synced = await syncRegistration(method.id, { inline: true });
    expect(synced.state).toBe("failed");
    expect(await methodRow(method.id)).toMatchObject({
      status: "failed",
      failureCode: "BILLING_KEY_CANCEL",
    });
    const status = await getRegistrationStatus(user.id, method.id);
    expect(status).toMatchObject({
      state: "failed",
      failureMessage: "토스 앱에서 등록을 취소했어요.",
    });
    expect((await ledger(method.providerCustomerId)).total).toBe(0);
  });

  it("keeps the subscription incomplete with a Korean reason when the first charge is declined", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    await approve(appLinkOf(method), "card:4:insufficient");
    const attempt = await waitFor(async () => {
      const [a] = await db()
        .select()
        .from(chargeAttempts)
        .where(and(eq(chargeAttempts.userId, user.id), eq(chargeAttempts.status, "failed")));
      return a;
    });
    expect(attempt.failureCategory).toBe("declined");
    expect(attempt.customerMessage).toMatch(/[가-힣]/);
    expect((await liveSubscription(user.id))?.status).toBe("incomplete");
    expect((await ledger(method.providerCustomerId)).approved).toBe(0);
  });

  it("starts a trial without charging", async () => {
    const plan = await createPlan({ trialDays: 14 });
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    await approve(appLinkOf(method), "account:888:normal");
    const sub = await waitFor(async () => {
      const s = await liveSubscription(user.id);
      return s?.status === "trialing" ? s : null;
    });
    expect(sub.trialEnd!.getTime() - sub.trialStart!.getTime()).toBe(14 * 86_400_000);
    expect((await methodRow(method.id)).kind).toBe("toss_money");
    // The law: converting a trial to paid needs consent, asked for at once.
    const [consent] = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.subscriptionId, sub.id), eq(consents.kind, "trial_conversion")));
    expect(consent).toMatchObject({ status: "requested", newAmount: 9_900 });
    expect((await ledger(method.providerCustomerId)).total).toBe(0);
  });

  it("replaces the method only once the new one is active, and removes the old key at Toss", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const first = (
      await startCheckout({ provider: "toss_pay", userId: user.id, planSlug: plan.slug })
    ).method;
    await approve(appLinkOf(first));
    await waitFor(async () => (await liveSubscription(user.id))?.status === "active");

    const second = await startRegistration({
      provider: "toss_pay",
      userId: user.id,
      amount: plan.amount,
      productDescription: "결제수단 변경",
    });
    expect((await methodRow(first.id)).status).toBe("active"); // still the one charged
    await approve(appLinkOf(second), "card:1:normal");
    await waitFor(async () => (await methodRow(second.id)).status === "active");
    expect((await methodRow(first.id)).status).toBe("replaced");
    expect((await liveSubscription(user.id))?.paymentMethodId).toBe(second.id);
    const oldStatus = await waitFor(async () => {
      const res = await harness.sandboxPost("/api/v1/billing-key/status", {
        apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
        userId: first.providerCustomerId,
      });
      return res.body.status === "REMOVE" ? res.body : null;
    });
    expect(oldStatus.status).toBe("REMOVE");
    // No second charge: the subscription was already paid.
    expect(
      await db().select().from(chargeAttempts).where(eq(chargeAttempts.userId, user.id)),
    ).toHaveLength(1);
  });

  it("removes the active method at Toss and here", async () => {
    const plan = await createPlan();
    const user = await createCustomer(email());
    const { method } = await startCheckout({
      provider: "toss_pay",
      userId: user.id,
      planSlug: plan.slug,
    });
    await approve(appLinkOf(method));
    await waitFor(async () => (await methodRow(method.id)).status === "active");
    await removeMethod({ userId: user.id, methodId: method.id, actor: `customer:${user.id}` });
    expect((await methodRow(method.id)).status).toBe("removed");
    const res = await harness.sandboxPost("/api/v1/billing-key/status", {
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      userId: method.providerCustomerId,
    });
    expect(res.body.status).toBe("REMOVE");
  });
});
