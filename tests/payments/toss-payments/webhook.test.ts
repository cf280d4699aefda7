// The Toss Payments webhook route (app/api/payments/[provider]/webhook): unsigned and public,
// so a BILLING_DELETED is logged once per transmission id, answered 200 at once, and only
// flags the method "removal reported" and tells the customer: a forged one cannot end a
// subscription whose key still charges (docs/providers.md §2.6). The next charge's answer
// confirms a real removal (sandbox-integration.test.ts).
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/payments/[provider]/webhook/route";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  notifications,
  paymentMethods,
  providerEvents,
  subscriptions,
  users,
} from "@/lib/db/schema";
import { tossPaymentsCustomerKey } from "@/lib/payments/toss-payments/provider";
import { createPlan } from "../../billing/support/billing-harness";

/** A customer with an active Toss Payments card method and an active subscription on it. */
async function subscribedCustomer() {
  const [user] = await db()
    .insert(users)
    .values({ email: `wh-${randomBytes(4).toString("hex")}@example.com`, name: "구독 고객" })
    .returning();
  const plan = await createPlan();
  const id = randomUUID();
  const billingKey = randomBytes(32).toString("base64");
  const { ciphertext, keyVersion } = encryptBillingKey(billingKey, id);
  await db()
    .insert(paymentMethods)
    .values({
      id,
      userId: user!.id,
      provider: "toss_payments",
      providerCustomerId: tossPaymentsCustomerKey(user!.providerCustomerId),
      billingKeyCiphertext: ciphertext,
      billingKeyFingerprint: fingerprintBillingKey(billingKey),
      keyVersion,
      status: "active",
      kind: "card",
      cardCompany: "신한",
      cardNumberMasked: "43301234****123*",
      activatedAt: new Date(),
      testMode: true,
    });
  const now = new Date();
  const [subscription] = await db()
    .insert(subscriptions)
    .values({
      userId: user!.id,
      planId: plan.id,
      paymentMethodId: id,
      status: "active",
      priceAmount: plan.amount,
      periodNumber: 1,
      billingAnchorAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: new Date(now.getTime() + 30 * 86_400_000),
      nextChargeAt: new Date(now.getTime() + 30 * 86_400_000),
    })
    .returning();
  return { userId: user!.id, methodId: id, billingKey, subscriptionId: subscription!.id };
}

function webhook(body: unknown, transmissionId: string | null, provider = "toss-payments") {
  return POST(
    new Request(`http://app/api/payments/${provider}/webhook`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(transmissionId ? { "tosspayments-webhook-transmission-id": transmissionId } : {}),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ provider }) },
  );
}

const billingDeleted = (billingKey: string) => ({
  eventType: "BILLING_DELETED",
  createdAt: "2026-12-06T10:00:00.000000",
  data: { billingKey, reason: "삭제 API 요청" },
});

describe("the Toss Payments webhook route", () => {
  it("answers a forged BILLING_DELETED 200, flags the method, tells the customer once, and ends nothing", async () => {
    const customer = await subscribedCustomer();
    const transmissionId = `wh_${randomBytes(8).toString("hex")}`;
    for (let delivery = 0; delivery < 3; delivery++) {
      const response = await webhook(billingDeleted(customer.billingKey), transmissionId);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("");
    }

    const events = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.dedupeKey, `transmission:${transmissionId}`));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      provider: "toss_payments",
      eventType: "BILLING_DELETED",
      verified: false,
      deliveries: 3,
    });
    expect(events[0]?.outcome).toMatch(/removal reported/);
    expect(JSON.stringify(events[0]?.payload)).not.toContain(customer.billingKey);

    const [method] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, customer.methodId));
    expect(method?.status).toBe("active");
    expect(method?.removalReportedAt).toBeInstanceOf(Date);
    const [subscription] = await db()
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, customer.subscriptionId));
    expect(subscription).toMatchObject({ status: "active", paymentMethodId: customer.methodId });

    // A second report under a new transmission id is logged, but the customer hears once.
    expect((await webhook(billingDeleted(customer.billingKey), "wh_other")).status).toBe(200);
    const sent = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.userId, customer.userId));
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      kind: "payment_method_removal_reported",
      subscriptionId: customer.subscriptionId,
    });
    expect(sent[0]?.subject).toContain("결제수단을 확인해 주세요");
    expect(sent[0]?.body).toContain("신한카드");
    expect(sent[0]?.body).toContain("다시 등록해 주세요");
  });

  it("logs and ignores what it cannot use, still answering 200", async () => {
    // A key that is not ours.
    expect((await webhook(billingDeleted("not-our-key"), "wh_unknown_key")).status).toBe(200);
    // No transmission id, or not JSON: logged as invalid.
    expect((await webhook(billingDeleted("k"), null)).status).toBe(200);
    expect((await webhook("nope", "wh_not_json")).status).toBe(200);
    // Events we do not act on.
    expect((await webhook({ eventType: "DEPOSIT_CALLBACK", data: {} }, "wh_deposit")).status).toBe(
      200,
    );
    const rows = await db().select().from(providerEvents);
    const outcomes = rows.map((r) => r.outcome ?? "");
    expect(outcomes.some((o) => o.startsWith("ignored: no payment method"))).toBe(true);
    expect(outcomes.filter((o) => o.startsWith("rejected:"))).toHaveLength(2);
  });

  it("refuses a path that names no provider and a body too large to be a webhook", async () => {
    expect((await webhook(billingDeleted("k"), "wh_1", "paypal")).status).toBe(404);
    expect(
      (await webhook({ ...billingDeleted("k"), pad: "x".repeat(17_000) }, "wh_big")).status,
    ).toBe(413);
  });
});
