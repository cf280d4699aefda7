import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { plans, type Plan, type Subscription } from "@/lib/db/schema";
import { applyPendingPlanChange } from "./apply-pending-plan-change";
import { mayConvertTrial } from "./may-convert-trial";
import { resolvePriceForRenewal } from "./resolve-price-for-renewal";

// Where the billing run hands a due subscription to the plan-change and consent rules, which
// live in their own modules (apply-pending-plan-change.ts, resolve-price-for-renewal.ts,
// may-convert-trial.ts, each applying a pure decision of decide-*.ts). All of it
// runs inside the run's reservation transaction with the subscription locked, before the
// renewal or trial-conversion charge is reserved.

export type RenewalDecision =
  | { kind: "charge"; sub: Subscription; plan: Plan }
  // The subscription ended instead (no consent to convert the trial, or to the new price under
  // the cancel policy); the consent module has recorded it and told the customer.
  | { kind: "ended" }
  | { kind: "not_due" };

/**
 * docs/billing.md "Korean law": a trial ending within 30 days needs consent to convert; without it
 * by trial end the subscription ends and nothing is charged.
 */
export async function decideTrialConversion(
  tx: Executor,
  sub: Subscription,
  plan: Plan,
  now: Date,
): Promise<RenewalDecision> {
  const decision = await mayConvertTrial(tx, sub, now);
  if (decision.convert) return { kind: "charge", sub: decision.subscription, plan };
  return decision.reason === "no_consent" ? { kind: "ended" } : { kind: "not_due" };
}

/**
 * A renewal: a scheduled downgrade or shorter interval takes effect now (docs/billing.md "Plan
 * changes"), then the price is settled under the consent rules (a rise only with consent; the
 * merchant's fallback policy otherwise).
 */
export async function decideRenewal(
  tx: Executor,
  sub: Subscription,
  plan: Plan,
  now: Date,
): Promise<RenewalDecision> {
  const changed = await applyPendingPlanChange(tx, sub, now);
  let current = plan;
  if (changed.planId !== plan.id) {
    const [next] = await tx.select().from(plans).where(eq(plans.id, changed.planId));
    if (!next) throw new Error(`plan ${changed.planId} of subscription ${sub.id} is missing`);
    current = next;
  }
  // Only a plan priced above what this subscriber pays involves consent; resolvePriceForRenewal
  // answers "unchanged" without touching anything otherwise, so the common renewal skips it.
  if (current.amount <= changed.priceAmount) return { kind: "charge", sub: changed, plan: current };
  const price = await resolvePriceForRenewal(tx, changed, now);
  if (price.action === "end") return { kind: "ended" };
  return { kind: "charge", sub: price.subscription, plan: current };
}
