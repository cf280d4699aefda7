// The invariants docs/billing.md relies on are enforced by PostgreSQL itself (partial unique
// indexes and checks in lib/db/schema), so even a buggy or concurrent code path cannot break
// them. Each test inserts the violating row and asserts the database refuses it by name.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  users,
  type ChargeAttempt,
} from "@/lib/db/schema";

type PostgresErrorFields = { code?: string; constraint_name?: string };

/** Awaits `query` and returns the PostgreSQL error it failed with (drizzle wraps it in `cause`). */
async function rejection(query: PromiseLike<unknown>): Promise<PostgresErrorFields> {
  try {
    await query;
  } catch (error) {
    let current: unknown = error;
    while (current instanceof Error) {
      const fields = current as Error & PostgresErrorFields;
      if (fields.code && /^\d{2}[0-9A-Z]{3}$/.test(fields.code)) return fields;
      current = current.cause;
    }
    throw error;
  }
  throw new Error("expected the database to reject the statement, but it succeeded");
}

const UNIQUE_VIOLATION = "23505";
const CHECK_VIOLATION = "23514";

async function createUser(email = `user-${randomUUID()}@example.com`) {
  const [user] = await db().insert(users).values({ email }).returning();
  return user!;
}

async function createPlan() {
  const [plan] = await db()
    .insert(plans)
    .values({ slug: `plan-${randomUUID()}`, name: "베이직", amount: 9_900, interval: "month" })
    .returning();
  return plan!;
}

async function createSubscription(
  userId: string,
  status: (typeof subscriptions.$inferInsert)["status"] = "active",
) {
  const plan = await createPlan();
  const [subscription] = await db()
    .insert(subscriptions)
    .values({ userId, planId: plan.id, status, priceAmount: plan.amount, periodNumber: 1 })
    .returning();
  return subscription!;
}

function attempt(
  subscription: { id: string; userId: string },
  fields: Partial<typeof chargeAttempts.$inferInsert> = {},
) {
  return db()
    .insert(chargeAttempts)
    .values({
      subscriptionId: subscription.id,
      userId: subscription.userId,
      provider: "toss_pay",
      orderId: `ord_${randomUUID().replaceAll("-", "")}`,
      periodNumber: 1,
      attemptNumber: 1,
      amount: 9_900,
      ...fields,
    })
    .returning();
}

describe("users", () => {
  test("emails are stored lower-case", async () => {
    const error = await rejection(db().insert(users).values({ email: "Kim@Example.com" }));
    expect(error).toMatchObject({
      code: CHECK_VIOLATION,
      constraint_name: "users_email_lower_case",
    });
  });

  test("one account per email", async () => {
    await createUser("kim@example.com");
    const error = await rejection(db().insert(users).values({ email: "kim@example.com" }));
    expect(error).toMatchObject({ code: UNIQUE_VIOLATION, constraint_name: "users_email_key" });
  });
});

describe("subscriptions", () => {
  test("one live subscription per customer", async () => {
    const user = await createUser();
    await createSubscription(user.id, "active");
    const error = await rejection(createSubscription(user.id, "incomplete"));
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint_name: "subscriptions_one_live_per_user",
    });
  });

  test("ended subscriptions stay as history next to a new live one", async () => {
    const user = await createUser();
    await createSubscription(user.id, "canceled");
    await createSubscription(user.id, "canceled");
    await createSubscription(user.id, "trialing");
    const rows = await db().select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(rows.map((r) => r.status).sort()).toEqual(["canceled", "canceled", "trialing"]);
  });
});

describe("payment methods", () => {
  const method = (userId: string, status: (typeof paymentMethods.$inferInsert)["status"]) =>
    db()
      .insert(paymentMethods)
      .values({ userId, provider: "toss_pay", providerCustomerId: "cus_1", status });

  test("one active payment method per customer", async () => {
    const user = await createUser();
    await method(user.id, "active");
    const error = await rejection(method(user.id, "active"));
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint_name: "payment_methods_one_active_per_user",
    });
  });

  test("replaced, removed and pending methods may accumulate", async () => {
    const user = await createUser();
    await method(user.id, "active");
    for (const status of ["replaced", "replaced", "removed", "pending", "failed"] as const) {
      await method(user.id, status);
    }
    const rows = await db().select().from(paymentMethods).where(eq(paymentMethods.userId, user.id));
    expect(rows).toHaveLength(6);
  });
});

describe("charge attempts", () => {
  test("order ids are unique", async () => {
    const subscription = await createSubscription((await createUser()).id);
    await attempt(subscription, { orderId: "ord_same_0001", status: "failed" });
    const error = await rejection(
      attempt(subscription, { orderId: "ord_same_0001", status: "failed", attemptNumber: 2 }),
    );
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint_name: "charge_attempts_order_id_key",
    });
  });

  test.each([
    ["pending", "pending"],
    ["pending", "unknown"],
    ["unknown", "unknown"],
  ] as const)(
    "at most one live attempt per period: %s then %s is refused",
    async (first: ChargeAttempt["status"], second: ChargeAttempt["status"]) => {
      const subscription = await createSubscription((await createUser()).id);
      await attempt(subscription, { status: first });
      const error = await rejection(attempt(subscription, { status: second, attemptNumber: 2 }));
      expect(error).toMatchObject({
        code: UNIQUE_VIOLATION,
        constraint_name: "charge_attempts_one_live_per_period",
      });
    },
  );

  test("a live attempt is allowed after failures, and in another period or for proration", async () => {
    const subscription = await createSubscription((await createUser()).id);
    await attempt(subscription, { status: "failed", attemptNumber: 1 });
    await attempt(subscription, { status: "failed", attemptNumber: 2 });
    await attempt(subscription, { status: "pending", attemptNumber: 3 });
    await attempt(subscription, { status: "pending", periodNumber: 2 });
    await attempt(subscription, { status: "pending", purpose: "proration" });
    const rows = await db()
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.subscriptionId, subscription.id));
    expect(rows).toHaveLength(5);
  });

  test("at most one successful period charge per period", async () => {
    const subscription = await createSubscription((await createUser()).id);
    await attempt(subscription, { status: "succeeded" });
    const error = await rejection(attempt(subscription, { status: "succeeded", attemptNumber: 2 }));
    expect(error).toMatchObject({
      code: UNIQUE_VIOLATION,
      constraint_name: "charge_attempts_one_success_per_period",
    });
  });

  test("a live attempt cannot become a second success through an update either", async () => {
    const subscription = await createSubscription((await createUser()).id);
    await attempt(subscription, { status: "succeeded" });
    const [second] = await attempt(subscription, { status: "unknown", attemptNumber: 2 });
    const error = await rejection(
      db()
        .update(chargeAttempts)
        .set({ status: "succeeded" })
        .where(eq(chargeAttempts.id, second!.id)),
    );
    expect(error).toMatchObject({ constraint_name: "charge_attempts_one_success_per_period" });
  });

  test("proration charges may succeed alongside the period charge", async () => {
    const subscription = await createSubscription((await createUser()).id);
    await attempt(subscription, { status: "succeeded" });
    await attempt(subscription, { status: "succeeded", purpose: "proration", amount: 3_300 });
    await attempt(subscription, { status: "succeeded", purpose: "proration", amount: 1_100 });
  });

  test("refunds cannot exceed the charged amount, nor go negative", async () => {
    const subscription = await createSubscription((await createUser()).id);
    const [charge] = await attempt(subscription, { status: "succeeded", amount: 9_900 });
    const refund = (refundedAmount: number) =>
      db().update(chargeAttempts).set({ refundedAmount }).where(eq(chargeAttempts.id, charge!.id));
    await refund(9_900);
    for (const amount of [9_901, -1]) {
      const error = await rejection(refund(amount));
      expect(error).toMatchObject({
        code: CHECK_VIOLATION,
        constraint_name: "charge_attempts_refund_within_amount",
      });
    }
  });

  test("amounts are positive", async () => {
    const subscription = await createSubscription((await createUser()).id);
    const error = await rejection(attempt(subscription, { amount: 0 }));
    expect(error).toMatchObject({
      code: CHECK_VIOLATION,
      constraint_name: "charge_attempts_amount_positive",
    });
  });
});
