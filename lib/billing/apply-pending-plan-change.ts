import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { plans, subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import { recordPlanEvent } from "./record-plan-event";
import { switchPlanNow } from "./switch-plan-now";

// Downgrades (and moves to a shorter period) wait for current_period_end
// (docs/billing.md "Plan changes"): changePlan sets pending_plan_id, and the charge run applies it
// here when it reserves the renewal.

/**
 * At renewal (now ≥ current_period_end): applies a scheduled downgrade or move to a shorter
 * period, so the renewal is charged at the new plan's price. The subscriber pays the lower of
 * the price shown when they scheduled it and the plan's price now (a rise since then needs
 * their consent first). Call it in the transaction that reserves the renewal charge, with the
 * subscription locked, before resolvePriceForRenewal. Returns the row to charge.
 */
export async function applyPendingPlanChange(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<Subscription> {
  if (!sub.pendingPlanId || !sub.currentPeriodEnd || now < sub.currentPeriodEnd) return sub;
  if (!["active", "past_due"].includes(sub.status)) return sub;
  const pendingPlanId = sub.pendingPlanId;
  const [target] = await tx.select().from(plans).where(eq(plans.id, pendingPlanId));
  const [current] = await tx.select().from(plans).where(eq(plans.id, sub.planId));
  const [scheduled] = await tx
    .select({ data: subscriptionEvents.data })
    .from(subscriptionEvents)
    .where(
      and(
        eq(subscriptionEvents.subscriptionId, sub.id),
        eq(subscriptionEvents.type, "plan_change_scheduled"),
        sql`${subscriptionEvents.data}->>'toPlanId' = ${pendingPlanId}`,
      ),
    )
    .orderBy(desc(subscriptionEvents.createdAt))
    .limit(1);
  if (!target) {
    const [cleared] = await tx
      .update(subscriptions)
      .set({ pendingPlanId: null, updatedAt: now })
      .where(eq(subscriptions.id, sub.id))
      .returning();
    return cleared ?? sub;
  }
  const agreed = scheduled?.data as { toAmount?: number; toAmountTaxFree?: number } | undefined;
  const useAgreed = typeof agreed?.toAmount === "number" && agreed.toAmount < target.amount;
  const amount = useAgreed ? (agreed.toAmount ?? target.amount) : target.amount;
  const amountTaxFree = Math.min(
    amount,
    useAgreed ? (agreed.toAmountTaxFree ?? target.amountTaxFree) : target.amountTaxFree,
  );
  const intervalChanged =
    !current ||
    current.interval !== target.interval ||
    current.intervalCount !== target.intervalCount;

  const updated = await switchPlanNow(
    tx,
    sub,
    { id: target.id, amount, amountTaxFree },
    now,
    // Periods on the new terms count from this renewal, not from the old plan's anchor.
    intervalChanged ? { billingAnchorAt: sub.currentPeriodEnd } : {},
  );
  await recordPlanEvent(
    tx,
    sub,
    "plan_downgraded",
    "system",
    {
      fromPlanId: sub.planId,
      toPlanId: target.id,
      oldAmount: sub.priceAmount,
      newAmount: amount,
      renewalAt: sub.currentPeriodEnd.toISOString(),
      intervalChanged,
    },
    now,
  );
  return updated;
}
