import { and, asc, eq, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { plans, type Plan } from "@/lib/db/schema";

/** Plans a customer can subscribe to, in the merchant's order (sort_order, then oldest first). */
export async function listActivePlans(executor: Executor = db()): Promise<Plan[]> {
  return executor
    .select()
    .from(plans)
    .where(eq(plans.status, "active"))
    .orderBy(asc(plans.sortOrder), asc(plans.createdAt), asc(plans.slug));
}

/**
 * A plan by its URL slug. Archived plans are returned only when asked for: existing subscribers
 * still see them, but nobody new can subscribe.
 */
export async function getPlanBySlug(
  slug: string,
  options: { includeArchived?: boolean } = {},
  executor: Executor = db(),
): Promise<Plan | undefined> {
  const [plan] = await executor
    .select()
    .from(plans)
    .where(
      options.includeArchived
        ? eq(plans.slug, slug)
        : and(eq(plans.slug, slug), eq(plans.status, "active")),
    )
    .limit(1);
  return plan;
}

/** A plan's name for a customer message or notice; "구독" when the plan no longer exists. */
export async function planNameFor(executor: Executor, planId: string): Promise<string> {
  const [plan] = await executor
    .select({ name: plans.name })
    .from(plans)
    .where(eq(plans.id, planId));
  return plan?.name ?? "구독";
}

export type PlanCounts = { active: number; archived: number };

export async function countPlansByStatus(executor: Executor = db()): Promise<PlanCounts> {
  const rows = await executor
    .select({ status: plans.status, count: sql<number>`count(*)::int` })
    .from(plans)
    .groupBy(plans.status);
  const counts: PlanCounts = { active: 0, archived: 0 };
  for (const row of rows) counts[row.status] = row.count;
  return counts;
}
