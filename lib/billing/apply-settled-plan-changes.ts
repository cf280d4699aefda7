import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, planChangeCharges, subscriptions } from "@/lib/db/schema";
import { applyPlanChangeOf } from "./apply-plan-change-charge";

// A proration attempt's settle hook applies its plan change in the settle transaction, so a
// settled attempt whose change is still open only exists from before that (rows backfilled from
// the old reservation events, migration 0007). The billing run finishes those here, once.

export type PlanChangeSweep = { completed: number; stillPending: number };

export async function applySettledPlanChanges(input: {
  now: Date;
  limit?: number;
}): Promise<PlanChangeSweep> {
  const { now } = input;
  const open = await db()
    .select({ attemptId: planChangeCharges.chargeAttemptId, status: chargeAttempts.status })
    .from(planChangeCharges)
    .innerJoin(chargeAttempts, eq(chargeAttempts.id, planChangeCharges.chargeAttemptId))
    .where(isNull(planChangeCharges.outcome))
    .orderBy(asc(planChangeCharges.createdAt))
    .limit(input.limit ?? 200);
  const sweep: PlanChangeSweep = { completed: 0, stillPending: 0 };
  for (const { attemptId, status } of open) {
    if (status === "pending" || status === "unknown") {
      sweep.stillPending += 1;
      continue;
    }
    const applied = await db().transaction(async (tx) => {
      const [row] = await tx
        .select({ sub: subscriptions, attempt: chargeAttempts })
        .from(chargeAttempts)
        .innerJoin(subscriptions, eq(subscriptions.id, chargeAttempts.subscriptionId))
        .where(
          and(
            eq(chargeAttempts.id, attemptId),
            inArray(chargeAttempts.status, ["succeeded", "failed"]),
          ),
        )
        // Lock order everywhere: the subscription first.
        .for("update", { of: subscriptions });
      return row ? (await applyPlanChangeOf(tx, row.sub, row.attempt, now)) !== null : false;
    });
    if (applied) sweep.completed += 1;
  }
  return sweep;
}
