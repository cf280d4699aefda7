import { methodRecognitionColumns } from "@/lib/payments/method-columns";
import { alias } from "drizzle-orm/pg-core";
import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  users,
  type PaymentMethod,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";

// What the subscriber page shows about a payment method: how the customer recognises it. The
// billing key (ciphertext and fingerprint) is never selected, so it cannot reach a page.
export const methodDisplayColumns = {
  id: paymentMethods.id,
  provider: paymentMethods.provider,
  status: paymentMethods.status,
  ...methodRecognitionColumns,
  failureMessage: paymentMethods.failureMessage,
  activatedAt: paymentMethods.activatedAt,
  removedAt: paymentMethods.removedAt,
  createdAt: paymentMethods.createdAt,
};

export type MethodDisplay = { [Key in keyof typeof methodDisplayColumns]: PaymentMethod[Key] };

export type SubscriberDetail = {
  subscription: Omit<Subscription, "lockedBy" | "lockedUntil">;
  customer: { id: string; email: string; name: string | null; createdAt: Date };
  plan: Plan;
  pendingPlan: Pick<Plan, "id" | "name"> | null;
  method: MethodDisplay | null;
  // A charge for this subscription is in flight or awaiting a lookup: date changes and retries
  // wait for it.
  liveAttempt: { orderId: string; status: "pending" | "unknown" } | null;
  // The customer's other subscriptions (earlier ones that ended), newest first.
  otherSubscriptions: Array<
    Pick<Subscription, "id" | "status" | "createdAt"> & { planName: string }
  >;
};

export async function getSubscriberDetail(
  subscriptionId: string,
  executor: Executor = db(),
): Promise<SubscriberDetail | null> {
  const pendingPlans = alias(plans, "pending_plans");
  const [row] = await executor
    .select({
      subscription: subscriptions,
      customer: { id: users.id, email: users.email, name: users.name, createdAt: users.createdAt },
      plan: plans,
      pendingPlan: { id: pendingPlans.id, name: pendingPlans.name },
    })
    .from(subscriptions)
    .innerJoin(users, eq(users.id, subscriptions.userId))
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .leftJoin(pendingPlans, eq(pendingPlans.id, subscriptions.pendingPlanId))
    .where(eq(subscriptions.id, subscriptionId));
  if (!row) return null;
  const { lockedBy: _lockedBy, lockedUntil: _lockedUntil, ...subscription } = row.subscription;

  const [method, live, others] = await Promise.all([
    subscription.paymentMethodId
      ? executor
          .select(methodDisplayColumns)
          .from(paymentMethods)
          .where(eq(paymentMethods.id, subscription.paymentMethodId))
          .then((rows) => rows[0] ?? null)
      : Promise.resolve(null),
    executor
      .select({ orderId: chargeAttempts.orderId, status: chargeAttempts.status })
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, subscriptionId),
          inArray(chargeAttempts.status, ["pending", "unknown"]),
        ),
      )
      .limit(1),
    executor
      .select({
        id: subscriptions.id,
        status: subscriptions.status,
        createdAt: subscriptions.createdAt,
        planName: plans.name,
      })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(and(eq(subscriptions.userId, row.customer.id), ne(subscriptions.id, subscriptionId)))
      .orderBy(desc(subscriptions.createdAt))
      .limit(20),
  ]);
  const liveRow = live[0];
  return {
    subscription,
    customer: row.customer,
    plan: row.plan,
    pendingPlan: row.pendingPlan?.id ? row.pendingPlan : null,
    method,
    liveAttempt:
      liveRow && (liveRow.status === "pending" || liveRow.status === "unknown")
        ? { orderId: liveRow.orderId, status: liveRow.status }
        : null,
    otherSubscriptions: others,
  };
}
