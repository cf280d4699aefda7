// Rows for the admin tests, inserted directly: each helper writes the smallest valid row and
// takes overrides for what a test is about.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  auditLog,
  chargeAttempts,
  paymentMethods,
  plans,
  refunds,
  subscriptions,
  users,
  type ChargeAttempt,
  type NewPlan,
  type PaymentMethod,
  type Plan,
  type Refund,
  type Subscription,
} from "@/lib/db/schema";

export async function insertAdmin(): Promise<{ userId: string }> {
  const [user] = await db()
    .insert(users)
    .values({ email: `admin-${randomUUID()}@example.com`, name: "관리자", role: "admin" })
    .returning();
  if (!user) throw new Error("admin insert failed");
  return { userId: user.id };
}

export async function insertPlan(overrides: Partial<NewPlan> = {}): Promise<Plan> {
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `plan-${randomUUID().slice(0, 8)}`,
      name: "베이직",
      amount: 9_900,
      interval: "month",
      intervalCount: 1,
      ...overrides,
    })
    .returning();
  if (!plan) throw new Error("plan insert failed");
  return plan;
}

export async function insertCustomer(
  overrides: { email?: string; name?: string | null } = {},
): Promise<string> {
  const [user] = await db()
    .insert(users)
    .values({
      email: overrides.email ?? `customer-${randomUUID()}@example.com`,
      name: overrides.name === undefined ? "구독 고객" : overrides.name,
    })
    .returning();
  if (!user) throw new Error("user insert failed");
  return user.id;
}

export async function insertMethod(
  userId: string,
  overrides: Partial<typeof paymentMethods.$inferInsert> = {},
): Promise<PaymentMethod> {
  const [method] = await db()
    .insert(paymentMethods)
    .values({
      userId,
      provider: "toss_pay",
      providerCustomerId: `cus_${randomUUID().replaceAll("-", "")}`,
      // Not a real ciphertext: these tests never charge through it.
      billingKeyCiphertext: "ciphertext-that-must-never-reach-a-page",
      billingKeyFingerprint: `fp-${randomUUID()}`,
      status: "active",
      kind: "card",
      cardCompany: "신한카드",
      cardNumberMasked: "5123-45**-****-1234",
      cardMethodType: "credit",
      activatedAt: new Date("2026-01-01T00:00:00Z"),
      ...overrides,
    })
    .returning();
  if (!method) throw new Error("method insert failed");
  return method;
}

/** An active monthly subscription by default, paid for period 1 ending at `currentPeriodEnd`. */
export async function insertSubscription(
  plan: Plan,
  overrides: Partial<typeof subscriptions.$inferInsert> & { userId?: string } = {},
): Promise<Subscription> {
  const userId = overrides.userId ?? (await insertCustomer());
  const start = new Date("2026-02-01T00:00:00Z");
  const end = new Date("2026-03-01T00:00:00Z");
  const [sub] = await db()
    .insert(subscriptions)
    .values({
      userId,
      planId: plan.id,
      status: "active",
      priceAmount: plan.amount,
      periodNumber: 1,
      billingAnchorAt: start,
      currentPeriodStart: start,
      currentPeriodEnd: end,
      nextChargeAt: end,
      createdAt: start,
      updatedAt: start,
      ...overrides,
    })
    .returning();
  if (!sub) throw new Error("subscription insert failed");
  return sub;
}

export async function insertAttempt(
  sub: Subscription,
  overrides: Partial<typeof chargeAttempts.$inferInsert> = {},
): Promise<ChargeAttempt> {
  const periodNumber = overrides.periodNumber ?? sub.periodNumber;
  const attemptNumber = overrides.attemptNumber ?? 1;
  const [attempt] = await db()
    .insert(chargeAttempts)
    .values({
      subscriptionId: sub.id,
      userId: sub.userId,
      provider: "toss_pay",
      orderId: `sub_${randomUUID().replaceAll("-", "")}_p${periodNumber}_a${attemptNumber}`,
      periodNumber,
      attemptNumber,
      amount: sub.priceAmount,
      status: "succeeded",
      ...overrides,
    })
    .returning();
  if (!attempt) throw new Error("attempt insert failed");
  return attempt;
}

export async function insertRefund(
  attempt: ChargeAttempt,
  overrides: Partial<typeof refunds.$inferInsert> = {},
): Promise<Refund> {
  const [refund] = await db()
    .insert(refunds)
    .values({
      chargeAttemptId: attempt.id,
      refundNo: `rf_${randomUUID().replaceAll("-", "")}`,
      amount: 1_000,
      status: "succeeded",
      ...overrides,
    })
    .returning();
  if (!refund) throw new Error("refund insert failed");
  return refund;
}

export async function auditRows(targetId: string) {
  return db()
    .select()
    .from(auditLog)
    .where(eq(auditLog.targetId, targetId))
    .orderBy(auditLog.createdAt);
}

export async function subscriptionById(id: string): Promise<Subscription> {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new Error(`subscription ${id} missing`);
  return row;
}

/** Empties the tables these tests write, so each test counts only its own rows. */
export async function resetData(): Promise<void> {
  // Everything hangs off users and plans; merchant_settings comes back with its defaults on
  // first read.
  await db().execute(
    sql`truncate users, plans, audit_log, provider_events, cron_runs, merchant_settings cascade`,
  );
}
