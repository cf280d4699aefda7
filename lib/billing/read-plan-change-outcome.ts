import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  planChangeCharges,
  subscriptions,
  type ChargeAttempt,
  type Subscription,
} from "@/lib/db/schema";

export type PlanChangeOutcome =
  | { kind: "upgraded"; subscription: Subscription; charged: number; attempt: ChargeAttempt | null }
  | {
      kind: "interval_changed";
      subscription: Subscription;
      charged: number;
      credit: number;
      attempt: ChargeAttempt;
    }
  // Same period, same price (or any change during a trial): switched now, nothing charged.
  | { kind: "switched"; subscription: Subscription }
  | { kind: "downgrade_scheduled"; subscription: Subscription; effectiveAt: Date }
  | { kind: "scheduled_change_canceled"; subscription: Subscription }
  // The charge's outcome is not known yet; it is looked up by its order id, never re-sent.
  | { kind: "pending"; attempt: ChargeAttempt }
  | { kind: "declined"; attempt: ChargeAttempt; customerMessage: string; needsNewMethod: boolean }
  // Money moved but the subscription no longer matches the change (canceled meanwhile, or the
  // period it was for has passed): left for a refund decision.
  | { kind: "needs_review"; attempt: ChargeAttempt };

/**
 * Where the plan change paid by a proration attempt stands, from its plan_change_charges row:
 * "pending" until the charge path has settled the attempt (and its settle hook applied the
 * change).
 */
export async function readPlanChangeOutcome(
  executor: Executor,
  attemptId: string,
): Promise<PlanChangeOutcome> {
  const [row] = await executor
    .select({ attempt: chargeAttempts, change: planChangeCharges, sub: subscriptions })
    .from(planChangeCharges)
    .innerJoin(chargeAttempts, eq(chargeAttempts.id, planChangeCharges.chargeAttemptId))
    .innerJoin(subscriptions, eq(subscriptions.id, planChangeCharges.subscriptionId))
    .where(eq(planChangeCharges.chargeAttemptId, attemptId));
  if (!row) throw new Error(`charge attempt ${attemptId} pays for no plan change`);
  const { attempt, change, sub } = row;
  switch (change.outcome) {
    case "upgraded":
      return { kind: "upgraded", subscription: sub, charged: attempt.amount, attempt };
    case "interval_changed":
      return {
        kind: "interval_changed",
        subscription: sub,
        charged: attempt.amount,
        credit: change.credit,
        attempt,
      };
    case "failed":
      return {
        kind: "declined",
        attempt,
        customerMessage: attempt.customerMessage ?? "결제에 실패했어요. 결제수단을 확인해 주세요.",
        needsNewMethod: attempt.failureCategory === "needs_new_method",
      };
    case "needs_review":
      return { kind: "needs_review", attempt };
    case null:
      return { kind: "pending", attempt };
  }
}
