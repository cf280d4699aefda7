import { eq, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { consents, subscriptions, type Plan } from "@/lib/db/schema";
import { LIVE_STATUSES } from "@/lib/billing/live-statuses";

// What the audit log keeps of a plan before and after a change: every field the editor can
// touch, never timestamps (the audit row has its own).
export function planSnapshot(plan: Plan) {
  return {
    slug: plan.slug,
    name: plan.name,
    description: plan.description,
    features: plan.features,
    amount: plan.amount,
    amountTaxFree: plan.amountTaxFree,
    interval: plan.interval,
    intervalCount: plan.intervalCount,
    trialDays: plan.trialDays,
    sortOrder: plan.sortOrder,
    status: plan.status,
  };
}

/** Subscriptions on the plan now (live), and whether anyone ever subscribed to it. */
export async function planUsage(
  tx: Executor,
  planId: string,
): Promise<{ live: number; everSubscribed: boolean }> {
  const [row] = await tx
    .select({
      live: sql<number>`count(*) filter (where ${inArray(subscriptions.status, [...LIVE_STATUSES])})::int`,
      total: sql<number>`count(*)::int`,
    })
    .from(subscriptions)
    .where(or(eq(subscriptions.planId, planId), eq(subscriptions.pendingPlanId, planId)));
  if ((row?.total ?? 0) > 0) return { live: row?.live ?? 0, everSubscribed: true };
  // A subscriber who moved to another plan no longer points at this one, but their history
  // (plan change events, consents) does.
  const [history] = await tx.execute<{ found: boolean }>(sql`
    select exists (
      select 1 from subscription_events
      where data->>'fromPlanId' = ${planId} or data->>'toPlanId' = ${planId}
    ) or exists (
      select 1 from ${consents} where ${eq(consents.planId, planId)}
    ) as found
  `);
  return { live: 0, everSubscribed: history?.found ?? false };
}
