import { db } from "@/lib/db/client";
import { findLiveSubscription, findTargetPlan, quoteFor } from "./plan-change-context";
import type { PlanChangeQuote } from "./plan-changes-pricing";

export type PlanChangePreview =
  | (PlanChangeQuote & { trial?: false })
  | { kind: "trial_switch"; effectiveAt: Date; chargeNow: 0; trial: true };

/** What changing to `planId` would cost now and when it takes effect, for the confirm screen. */
export async function previewPlanChange(input: {
  userId: string;
  planId: string;
  now?: Date;
}): Promise<PlanChangePreview> {
  const now = input.now ?? new Date();
  const executor = db();
  const row = await findLiveSubscription(executor, input.userId, { lock: false });
  const target = await findTargetPlan(executor, input.planId);
  if (row.sub.status === "trialing") {
    return { kind: "trial_switch", effectiveAt: now, chargeNow: 0, trial: true };
  }
  return quoteFor(row.sub, row.plan, target, now);
}
