import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { subscriptions, subscriptionStatus, type SubscriptionStatus } from "@/lib/db/schema";
import { countPlansByStatus, type PlanCounts } from "@/lib/plans/queries";

export type DashboardStats = {
  subscriptionsByStatus: Record<SubscriptionStatus, number>;
  plans: PlanCounts;
};

/** The admin dashboard's headline counts: subscriptions per state and plans on sale. */
export async function getDashboardStats(executor: Executor = db()): Promise<DashboardStats> {
  const [rows, plans] = await Promise.all([
    executor
      .select({ status: subscriptions.status, count: sql<number>`count(*)::int` })
      .from(subscriptions)
      .groupBy(subscriptions.status),
    countPlansByStatus(executor),
  ]);
  const subscriptionsByStatus = Object.fromEntries(
    subscriptionStatus.enumValues.map((status) => [status, 0]),
  ) as Record<SubscriptionStatus, number>;
  for (const row of rows) subscriptionsByStatus[row.status] = row.count;
  return { subscriptionsByStatus, plans };
}
