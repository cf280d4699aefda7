import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { plans, subscriptionEvents, type Subscription } from "@/lib/db/schema";
import { scheduledChangePrice } from "./decide-renewal-price";
import { findScheduledPlanChange } from "./find-scheduled-plan-change";
import { updateSubscription } from "./update-subscription";
import { switchPlanNow } from "./switch-plan-now";

/**
 * At renewal (now ≥ current_period_end): applies a scheduled downgrade or move to a shorter
 * period, so the renewal is charged at the new plan's price. The subscriber pays the lower of
 * the price shown when they scheduled it and the plan's price now (scheduledChangePrice; a rise
 * since then needs their consent first). Call it in the transaction that reserves the renewal
 * charge, with the subscription locked, before resolvePriceForRenewal. Returns the row to charge.
 */
export async function applyPendingPlanChange(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<Subscription> {
  if (!sub.pendingPlanId || !sub.currentPeriodEnd || now < sub.currentPeriodEnd) return sub;
  if (sub.status !== "active" && sub.status !== "past_due") return sub;
  const [change, [current]] = await Promise.all([
    findScheduledPlanChange(tx, sub),
    tx.select().from(plans).where(eq(plans.id, sub.planId)),
  ]);
  if (!change) {
    // The scheduled plan was deleted: the subscription renews on its own plan.
    return updateSubscription(tx, sub, { pendingPlanId: null }, now);
  }
  const target = change.plan;
  const { amount, amountTaxFree } = scheduledChangePrice(change);
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
  await tx.insert(subscriptionEvents).values({
    subscriptionId: sub.id,
    type: "plan_downgraded",
    actor: "system",
    data: {
      fromPlanId: sub.planId,
      toPlanId: target.id,
      oldAmount: sub.priceAmount,
      newAmount: amount,
      renewalAt: sub.currentPeriodEnd.toISOString(),
      intervalChanged,
    },
    createdAt: now,
  });
  return updated;
}
