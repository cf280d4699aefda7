// The provider event log in admin: filters over the real provider_events rows a Toss Pay
// registration leaves behind (callbacks delivered over HTTP by the sandbox), and "다시 처리",
// which must be idempotent and audited.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { listProviderEvents, parseEventListParams } from "@/lib/admin/events";
import { reprocessEventAsAdmin } from "@/lib/admin/events-reprocess";
import { db } from "@/lib/db/client";
import { auditLog, chargeAttempts, paymentMethods, providerEvents, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { getPaymentProvider } from "@/lib/payments/registry";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import {
  checkoutToken,
  createCustomer,
  createPlan,
  startHarness,
  waitFor,
  type Harness,
} from "../payment-methods/support/app-harness";
import { appLinkOf } from "@/tests/payment-methods/support/app-link";

let harness: Harness;
let adminId: string;
let activated: typeof providerEvents.$inferSelect;
let methodId: string;

beforeAll(async () => {
  harness = await startHarness();
  const [admin] = await db()
    .insert(users)
    .values({ email: "admin@example.com", role: "admin" })
    .returning();
  adminId = admin!.id;

  // A customer links a card: the sandbox delivers the ACTIVATED callback to our route.
  const plan = await createPlan();
  const user = await createCustomer("events-customer@example.com");
  const { method } = await startCheckout({
    provider: "toss_pay",
    userId: user.id,
    planSlug: plan.slug,
  });
  methodId = method.id;
  await harness.sandboxPost("/payfront/billing/approve", {
    token: checkoutToken(appLinkOf(method)),
    instrument: "card:4:normal",
  });
  activated = await waitFor(async () => {
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventType, "ACTIVATED"));
    return row?.processedAt ? row : null;
  });

  // And a body that is not a callback at all.
  const { POST } = await import("@/app/api/payments/[provider]/callback/route");
  await POST(
    new Request("http://app/api/payments/toss-pay/callback", { method: "POST", body: "x" }),
    { params: Promise.resolve({ provider: "toss-pay" }) },
  );
});
afterAll(() => harness.close());

const list = (query: Record<string, string>) => listProviderEvents(parseEventListParams(query));

describe("the provider event list", () => {
  it("shows each callback with its payload, never the billing key", async () => {
    const all = await list({});
    expect(all.total).toBe(2);
    const row = all.rows.find((r) => r.id === activated.id)!;
    expect(row.payload).toMatchObject({ action: "ACTIVATED" });
    expect(JSON.stringify(row.payload)).not.toMatch(/billingKey/i);
    expect(row.outcome).toMatch(/^activated payment method/);
  });

  it("filters by provider, type, verification and processing state", async () => {
    expect((await list({ type: "ACTIVATED" })).rows.map((r) => r.id)).toEqual([activated.id]);
    expect((await list({ state: "rejected" })).rows.map((r) => r.eventType)).toEqual(["invalid"]);
    expect((await list({ state: "processed" })).total).toBe(1);
    expect((await list({ state: "unprocessed" })).total).toBe(0);
    expect((await list({ provider: "portone" })).total).toBe(0);
    // The ACTIVATED callback was confirmed with /billing-key/status, so it counts as verified.
    expect((await list({ verified: "yes" })).rows.map((r) => r.id)).toEqual([activated.id]);
    expect((await list({ verified: "no" })).rows.map((r) => r.eventType)).toEqual(["invalid"]);
  });
});

describe("re-running an event", () => {
  it("refuses an event that was rejected on arrival", async () => {
    const [invalid] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventType, "invalid"));
    const error = await reprocessEventAsAdmin(invalid!.id, { userId: adminId }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe(
      "형식이 잘못돼 거부된 이벤트는 다시 처리할 수 없어요.",
    );
  });

  it("records who re-ran it, with the outcome before and after", async () => {
    await reprocessEventAsAdmin(activated.id, { userId: adminId, ip: "203.0.113.9" });
    const [entry] = await db()
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "provider_event.reprocess"));
    expect(entry).toMatchObject({
      actorUserId: adminId,
      targetType: "provider_event",
      targetId: activated.id,
      ip: "203.0.113.9",
      before: { outcome: activated.outcome, verified: true },
    });
    expect(entry!.after).toHaveProperty("outcome");
  });

  // The log holds no billing key, so the re-run finds the method by the key's fingerprint and
  // asks the provider again, as on arrival.
  it("confirms with the provider again and changes nothing the second time", async () => {
    const result = await reprocessEventAsAdmin(activated.id, { userId: adminId });
    expect(result.outcome).toBe(`already active: payment method ${methodId}`);
    const [method] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, methodId));
    expect(method!.status).toBe("active");
    const attempts = await db().select().from(chargeAttempts);
    expect(attempts).toHaveLength(1);
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.id, activated.id));
    expect(row).toMatchObject({ outcome: result.outcome, verified: true, error: null });
  });

  it("acts on what the provider says now, not on what the logged callback claimed", async () => {
    // A REMOVED callback for the active key (unsigned, so anyone could send one) while Toss
    // still holds the key as ACTIVE: logged, and nothing changes.
    const [method] = await db()
      .select()
      .from(paymentMethods)
      .where(eq(paymentMethods.id, methodId));
    const customer = {
      providerCustomerId: method!.providerCustomerId,
      providerDisplayId: method!.providerDisplayId ?? undefined,
      billingKey: decryptBillingKey(method!.billingKeyCiphertext!, methodId),
    };
    const { POST } = await import("@/app/api/payments/[provider]/callback/route");
    await POST(
      new Request("http://app/api/payments/toss-pay/callback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          action: "REMOVED",
          processedTs: "2030-01-01 09:00:00",
          userId: customer.providerCustomerId,
          displayId: customer.providerDisplayId,
          billingKey: customer.billingKey,
        }),
      }),
      { params: Promise.resolve({ provider: "toss-pay" }) },
    );
    const [removal] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.eventType, "REMOVED"));
    expect(removal!.outcome).toBe("ignored: provider does not confirm the removal");
    expect(JSON.stringify(removal!.payload)).not.toContain(customer.billingKey);

    // Re-running it now changes nothing either: Toss still says ACTIVE.
    expect((await reprocessEventAsAdmin(removal!.id, { userId: adminId })).outcome).toBe(
      "ignored: provider does not confirm the removal",
    );

    // Once the key really is gone at Toss (the customer removed it in the Toss app), the same
    // logged event removes the method here.
    expect((await getPaymentProvider("toss_pay").removeMethod(customer)).outcome).toBe("succeeded");
    const result = await reprocessEventAsAdmin(removal!.id, { userId: adminId });
    expect(result).toEqual({
      outcome: `removed payment method ${methodId} (removed at the provider)`,
      verified: true,
    });
    const [after] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, methodId));
    expect(after!.status).toBe("removed");
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.id, removal!.id));
    expect(row).toMatchObject({ outcome: result.outcome, verified: true, error: null });
  });
});
