import { db } from "@/lib/db/client";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { sendAndSettle } from "./charge-outstanding-period";
import { readPlanChangeOutcome, type PlanChangeOutcome } from "./read-plan-change-outcome";
import { reconcileChargeAttempt } from "./reconcile-charge-attempt";
import { reservePlanChange } from "./reserve-plan-change";

// Plan changes (docs/billing.md "Plan changes"), for customers on their account page and for
// admins. An upgrade or interval change that costs money goes through the one charge path like a
// renewal: reserve (reserve-plan-change.ts) → send and settle (sendAndSettle) → a later lookup of
// the same order id (reconcileChargeAttempt, also every billing run's first step) while the answer
// is unknown. Applying the change is the proration purpose's settle hook
// (apply-plan-change-charge.ts), so it happens exactly once, whichever of them settles it.

export type { PlanChangeOutcome } from "./read-plan-change-outcome";

export type PlanChangeOptions = {
  now?: Date;
  // How to find the provider of a method or attempt (the run's, or a test's); default: the
  // registry.
  providerFor?: ProviderFor;
};

/**
 * Changes the customer's plan. `actor`: "customer:<userId>" or "admin:<userId>". Upgrades are
 * charged and applied before this returns unless the provider's answer is unknown (outcome
 * "pending"): a later call or the billing run's reconcile step finishes those.
 */
export async function changePlan(
  input: { userId: string; planId: string; actor: string },
  options: PlanChangeOptions = {},
): Promise<PlanChangeOutcome> {
  const now = options.now ?? new Date();
  const reserved = await reservePlanChange(input, now);
  if (reserved.kind === "done") return reserved.outcome;
  if (reserved.kind === "live") {
    // An earlier change's charge is unresolved: look it up by its order id, never send anew.
    await reconcileChargeAttempt(reserved.attempt.id, { now, providerFor: options.providerFor });
  } else {
    await sendAndSettle(reserved, { now, providerFor: options.providerFor });
  }
  return readPlanChangeOutcome(db(), reserved.attempt.id);
}
