import { and, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { plans, subscriptions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { LIVE_STATUSES } from "./live-statuses";

/**
 * How many live subscribers pay less than `newAmount` (default: the plan's current price) and
 * so need a consent before they pay it. For the plan editor's "N명에게 동의를 요청해요" line.
 */
export async function countSubscribersAffectedByPriceChange(
  planId: string,
  newAmount?: number,
  executor: Executor = db(),
): Promise<number> {
  const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw new AppError("not_found", `plan ${planId} not found`);
  return countLiveSubscribersPaying(
    executor,
    planId,
    lt(subscriptions.priceAmount, newAmount ?? plan.amount),
  );
}

/** Live subscribers on `planId` whose locked-in price meets `priceCondition`. */
export async function countLiveSubscribersPaying(
  executor: Executor,
  planId: string,
  priceCondition: SQL,
): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.planId, planId),
        inArray(subscriptions.status, [...LIVE_STATUSES]),
        priceCondition,
      ),
    );
  return row?.n ?? 0;
}
