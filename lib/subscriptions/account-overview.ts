import { and, desc, eq, inArray, ne } from "drizzle-orm";
import { listConsentsForUser } from "@/lib/billing/consent-queries";
import { findScheduledPlanChange } from "@/lib/billing/find-scheduled-plan-change";
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
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { methodSummaryColumns, type MethodSummary } from "@/lib/payment-methods/find-own-method";
import { describeNextRenewal, type NextRenewal } from "./next-renewal";

// What the customer's page shows. Everything is read by user id (never from cookies here);
// the page passes the signed-in user's id. Billing keys are never selected.

export type AccountOverview = {
  subscription: (Subscription & { plan: Plan; pendingPlan: Plan | null }) | null;
  method: MethodSummary | null;
  // A registration the customer started and has not finished (change of method).
  pendingMethod: MethodSummary | null;
  charges: ChargeAttempt[];
  // What the coming renewal will do, as the engine decides it (next-renewal.ts).
  nextRenewal: NextRenewal;
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

  const scheduledChange = liveOrLatest
    ? await findScheduledPlanChange(db(), liveOrLatest.sub)
    : null;

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
  const nextRenewal: NextRenewal = liveOrLatest
    ? describeNextRenewal({
        subscription: liveOrLatest.sub,
        plan: liveOrLatest.plan,
        scheduledChange,
        consents: (await listConsentsForUser(userId)).flatMap((c) =>
          c.subscriptionId === liveOrLatest.sub.id ? [c] : [],
        ),
        fallbackPolicy: (await getMerchantSettings()).consentFallbackPolicy,
        methodUsable: methods.some(
          (m) => m.status === "active" && m.id === liveOrLatest.sub.paymentMethodId,
        ),
      })
    : { kind: "none" };
  return {
    subscription: liveOrLatest
      ? { ...liveOrLatest.sub, plan: liveOrLatest.plan, pendingPlan: scheduledChange?.plan ?? null }
      : null,
    method: methods.find((m) => m.status === "active") ?? null,
    pendingMethod:
      methods.find(
        (m) =>
          m.status === "pending" &&
          (m.registrationExpiresAt === null || m.registrationExpiresAt.getTime() > now),
      ) ?? null,
    charges,
    nextRenewal,
  };
}
