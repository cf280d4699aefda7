import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  type ChargeAttempt,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import { methodSummaryColumns, type MethodSummary } from "@/lib/payment-methods/find-own-method";

// What the customer's page shows. Everything is read by user id (never from cookies here);
// the page passes the signed-in user's id. Billing keys are never selected.

export type AccountOverview = {
  subscription: (Subscription & { plan: Plan; pendingPlan: Plan | null }) | null;
  method: MethodSummary | null;
  // A registration the customer started and has not finished (change of method).
  pendingMethod: MethodSummary | null;
  charges: ChargeAttempt[];
};

export async function getAccountOverview(userId: string): Promise<AccountOverview> {
  const [liveOrLatest] = await db()
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.userId, userId))
    // The live subscription if any (canceled sorts last), else the most recent one.
    .orderBy(desc(ne(subscriptions.status, "canceled")), desc(subscriptions.createdAt))
    .limit(1);

  let pendingPlan: Plan | null = null;
  if (liveOrLatest?.sub.pendingPlanId) {
    const [p] = await db().select().from(plans).where(eq(plans.id, liveOrLatest.sub.pendingPlanId));
    pendingPlan = p ?? null;
  }

  const methods = await db()
    .select(methodSummaryColumns)
    .from(paymentMethods)
    .where(
      and(eq(paymentMethods.userId, userId), inArray(paymentMethods.status, ["active", "pending"])),
    )
    .orderBy(desc(paymentMethods.createdAt));

  const charges = await db()
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.userId, userId))
    .orderBy(desc(chargeAttempts.createdAt))
    .limit(50);

  const now = Date.now();
  return {
    subscription: liveOrLatest
      ? { ...liveOrLatest.sub, plan: liveOrLatest.plan, pendingPlan }
      : null,
    method: methods.find((m) => m.status === "active") ?? null,
    pendingMethod:
      methods.find(
        (m) =>
          m.status === "pending" &&
          (m.registrationExpiresAt === null || m.registrationExpiresAt.getTime() > now),
      ) ?? null,
    charges,
  };
}
