import { asc, desc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { planPrices, plans, subscriptions, users, type Plan } from "@/lib/db/schema";

export type AdminPlanRow = Plan & {
  // Subscriptions on the plan that are not canceled (incomplete ones included: they may pay).
  liveSubscriptions: number;
  // Every subscription that ever pointed at it; 0 means it can still be deleted.
  totalSubscriptions: number;
};

/**
 * Every plan, on sale and archived, in pricing-page order, with its subscription counts
 * (one grouped scan of subscriptions, served by subscriptions_plan_status_idx).
 */
export async function listPlansForAdmin(executor: Executor = db()): Promise<AdminPlanRow[]> {
  const counts = executor
    .select({
      planId: subscriptions.planId,
      live: sql<number>`count(*) filter (where ${subscriptions.status} <> 'canceled')::int`.as(
        "live",
      ),
      total: sql<number>`count(*)::int`.as("total"),
    })
    .from(subscriptions)
    .groupBy(subscriptions.planId)
    .as("counts");
  const rows = await executor
    .select({ plan: plans, live: counts.live, total: counts.total })
    .from(plans)
    .leftJoin(counts, eq(counts.planId, plans.id))
    .orderBy(asc(plans.sortOrder), asc(plans.createdAt), asc(plans.slug));
  return rows.map((row) => ({
    ...row.plan,
    liveSubscriptions: row.live ?? 0,
    totalSubscriptions: row.total ?? 0,
  }));
}

export async function getPlanForAdmin(
  planId: string,
  executor: Executor = db(),
): Promise<Plan | undefined> {
  const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
  return plan;
}

/** A plan's price history, newest first (plan_prices: one row per price it has had). */
export async function listPlanPrices(planId: string, executor: Executor = db()) {
  return executor
    .select({
      id: planPrices.id,
      amount: planPrices.amount,
      amountTaxFree: planPrices.amountTaxFree,
      effectiveFrom: planPrices.effectiveFrom,
      createdByEmail: users.email,
    })
    .from(planPrices)
    .leftJoin(users, eq(users.id, planPrices.createdByUserId))
    .where(eq(planPrices.planId, planId))
    .orderBy(desc(planPrices.effectiveFrom));
}
