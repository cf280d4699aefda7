import { and, eq, ne } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { plans, subscriptions, type Plan, type Subscription } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { quotePlanChange, type PlanChangeQuote } from "./plan-changes-pricing";

// What every plan-change operation reads first (docs/billing.md "Plan changes"): the customer's
// live subscription, the plan they want, and what the move would cost.

export function planChangeConflict(message: string, userMessage: string): AppError {
  return new AppError("conflict", message, { userMessage });
}

function noLiveSubscription(userId: string): AppError {
  return new AppError("not_found", `user ${userId} has no live subscription`, {
    userMessage: "이용 중인 구독이 없어요.",
  });
}

/** The user's live subscription with its plan; locked FOR UPDATE when `lock`. */
export async function findLiveSubscription(
  tx: Executor,
  userId: string,
  options: { lock: boolean },
): Promise<{ sub: Subscription; plan: Plan }> {
  const query = tx
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, userId), ne(subscriptions.status, "canceled")));
  const [row] = options.lock ? await query.for("update", { of: subscriptions }) : await query;
  if (!row) throw noLiveSubscription(userId);
  return row;
}

export async function findTargetPlan(tx: Executor, planId: string): Promise<Plan> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
  if (!plan || plan.status !== "active") {
    throw new AppError("not_found", `plan ${planId} not found or archived`, {
      userMessage: "선택한 요금제를 찾을 수 없어요.",
    });
  }
  return plan;
}

export function quoteFor(
  sub: Subscription,
  current: Plan,
  target: Plan,
  now: Date,
): PlanChangeQuote {
  if (!sub.currentPeriodStart || !sub.currentPeriodEnd) {
    throw planChangeConflict(
      `subscription ${sub.id} has no current period`,
      "지금은 요금제를 바꿀 수 없어요.",
    );
  }
  return quotePlanChange({
    current: {
      amount: sub.priceAmount,
      amountTaxFree: sub.priceAmountTaxFree,
      interval: current.interval,
      intervalCount: current.intervalCount,
    },
    target,
    periodStart: sub.currentPeriodStart,
    periodEnd: sub.currentPeriodEnd,
    now,
  });
}
