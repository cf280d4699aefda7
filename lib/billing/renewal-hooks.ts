import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import {
  plans,
  subscriptionEvents,
  subscriptions,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";

// The two places where the billing run hands a due subscription to the plan-change and consent
// rules, which live in their own modules (lib/billing/plan-changes*.ts, lib/billing/consent*.ts).
// Both run inside the run's transaction with the subscription locked, before the renewal or
// trial-conversion charge is reserved.

/**
 * billing.md "Korean law": a trial ending within 30 days asks for consent to convert; with no
 * consent by trial end the subscription does not convert (it ends, no charge).
 *
 * TODO(consent): call the consent module's check here once it exists
 * (lib/billing/consent*.ts). Until then every trial converts.
 */
export async function trialMayConvert(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<boolean> {
  void tx;
  void sub;
  void now;
  return true;
}

/**
 * billing.md "Plan changes": a downgrade takes effect at current_period_end, so the renewal
 * charge is the first one at the new plan's price. This minimal version switches the plan and
 * price and records it.
 *
 * TODO(plan-changes): delegate to the plan-change module (lib/billing/plan-changes*.ts) when it
 * provides its own "apply at renewal" function (interval changes, consent for a higher price).
 */
export async function applyPendingPlanChange(
  tx: Executor,
  sub: Subscription,
  plan: Plan,
  now: Date,
): Promise<{ sub: Subscription; plan: Plan }> {
  if (!sub.pendingPlanId || sub.pendingPlanId === sub.planId) return { sub, plan };
  const [next] = await tx.select().from(plans).where(eq(plans.id, sub.pendingPlanId));
  if (!next) return { sub, plan };
  const [updated] = await tx
    .update(subscriptions)
    .set({
      planId: next.id,
      priceAmount: next.amount,
      priceAmountTaxFree: next.amountTaxFree,
      pendingPlanId: null,
      updatedAt: now,
    })
    .where(eq(subscriptions.id, sub.id))
    .returning();
  if (!updated) throw new Error(`subscription ${sub.id} vanished while changing plan`);
  await tx.insert(subscriptionEvents).values({
    subscriptionId: sub.id,
    type: "plan_changed",
    actor: "system",
    data: {
      fromPlanId: plan.id,
      toPlanId: next.id,
      fromAmount: sub.priceAmount,
      toAmount: next.amount,
      at: "period_end",
    },
    createdAt: now,
  });
  return { sub: updated, plan: next };
}
