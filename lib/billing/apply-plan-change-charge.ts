import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import {
  planChangeCharges,
  type ChargeAttempt,
  type PlanChangeCharge,
  type Subscription,
} from "@/lib/db/schema";
import { planNameFor } from "@/lib/plans/queries";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { recordPlanEvent } from "./record-plan-event";
import type { SettleHook, SubscriptionAfter } from "./settle-hook";
import { switchPlanNow } from "./switch-plan-now";

// The settle hook of purpose "proration" (docs/billing.md "Plan changes"): once the charge path has
// closed a proration attempt — at once, by a later lookup of the same order id, or by any run's
// reconcile step — the plan change it paid for is applied here, in the same transaction, and its
// plan_change_charges row gets its outcome. The row is only taken while its outcome is null, so the
// change is applied exactly once whoever settles the attempt.

const LIVE_STATUSES = ["active", "past_due", "trialing"];

export const applyPlanChangeCharge: SettleHook = async (tx, { sub, attempt, now }) =>
  (await applyPlanChangeOf(tx, sub, attempt, now)) ?? sub;

/**
 * Applies (or records the failure of) the plan change a settled proration attempt paid for, if
 * not done yet (null: nothing was left to do). `sub` must be locked by the caller.
 */
export async function applyPlanChangeOf(
  tx: Executor,
  sub: Subscription,
  attempt: ChargeAttempt,
  now: Date,
): Promise<SubscriptionAfter | null> {
  if (attempt.status !== "succeeded" && attempt.status !== "failed") return null;
  const [change] = await tx
    .select()
    .from(planChangeCharges)
    .where(
      and(eq(planChangeCharges.chargeAttemptId, attempt.id), isNull(planChangeCharges.outcome)),
    )
    .for("update");
  if (!change) return null;

  const base = {
    attemptId: attempt.id,
    orderId: attempt.orderId,
    fromPlanId: change.fromPlanId,
    toPlanId: change.toPlanId,
  };
  const close = (outcome: NonNullable<PlanChangeCharge["outcome"]>) =>
    tx
      .update(planChangeCharges)
      .set({ outcome, completedAt: now })
      .where(eq(planChangeCharges.chargeAttemptId, attempt.id));

  if (attempt.status === "failed") {
    await recordPlanEvent(
      tx,
      sub,
      "plan_change_failed",
      change.actor,
      {
        ...base,
        code: attempt.errorCode,
        category: attempt.failureCategory,
        message: attempt.customerMessage,
      },
      now,
    );
    await close("failed");
    return sub;
  }

  // Succeeded. The change only applies to the subscription it was quoted for.
  const periodMoved = sub.periodNumber !== change.periodNumber;
  if (!LIVE_STATUSES.includes(sub.status) || (change.kind === "interval_change" && periodMoved)) {
    await recordPlanEvent(
      tx,
      sub,
      "plan_change_needs_review",
      "system",
      { ...base, amount: attempt.amount, status: sub.status, periodMoved },
      now,
    );
    await close("needs_review");
    return sub;
  }

  const target = {
    id: change.toPlanId,
    amount: change.toAmount,
    amountTaxFree: change.toAmountTaxFree,
  };
  const newPeriod =
    change.kind === "interval_change" && change.newPeriodStart && change.newPeriodEnd
      ? { start: change.newPeriodStart, end: change.newPeriodEnd }
      : null;
  const updated = newPeriod
    ? // A new period starts: it is paid by this charge (with the old period's unused part
      // credited), so it gets the next period number and a new anchor.
      await switchPlanNow(tx, sub, target, now, {
        periodNumber: sub.periodNumber + 1,
        billingAnchorAt: newPeriod.start,
        currentPeriodStart: newPeriod.start,
        currentPeriodEnd: newPeriod.end,
        nextChargeAt: newPeriod.end,
      })
    : await switchPlanNow(tx, sub, target, now);
  const intervalChange = change.kind === "interval_change";
  await recordPlanEvent(
    tx,
    sub,
    intervalChange ? "plan_interval_changed" : "plan_upgraded",
    change.actor,
    {
      ...base,
      oldAmount: change.oldAmount,
      newAmount: change.toAmount,
      charged: attempt.amount,
      credit: change.credit,
      periodMoved,
      ...(intervalChange
        ? {
            periodStart: change.newPeriodStart?.toISOString() ?? null,
            periodEnd: change.newPeriodEnd?.toISOString() ?? null,
          }
        : {}),
    },
    now,
  );
  await close(intervalChange ? "interval_changed" : "upgraded");
  await enqueueNotification(tx, {
    kind: "receipt",
    data: {
      planName: await planNameFor(tx, change.toPlanId),
      amount: attempt.amount,
      orderId: attempt.orderId,
      chargeId: attempt.id,
      approvedAt: attempt.approvedAt ?? now,
      receiptUrl: attempt.receiptUrl,
      description: intervalChange ? "결제 주기 변경" : "요금제 변경 차액",
      periodStart: intervalChange ? updated.currentPeriodStart : null,
      periodEnd: intervalChange ? updated.currentPeriodEnd : null,
      nextChargeAt: updated.nextChargeAt,
    },
    userId: sub.userId,
    subscriptionId: sub.id,
    dedupeKey: dedupeKeyFor("receipt", attempt.id),
    now,
  });
  return updated;
}
