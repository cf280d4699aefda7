import { and, eq, max } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { insertOne } from "@/lib/db/insert-one";
import {
  chargeAttempts,
  paymentMethods,
  planChangeCharges,
  type ChargeAttempt,
  users,
} from "@/lib/db/schema";
import { isTestCharge } from "@/lib/payments/mode";
import { clearScheduledPlanChange } from "./cancel-scheduled-plan-change";
import type { ReservedAttempt } from "./charge-outstanding-period";
import { requestTrialConversionConsent } from "./request-trial-conversion-consent";
import { orderIdFor } from "./order-id";
import {
  findLiveSubscription,
  findTargetPlan,
  planChangeConflict,
  quoteFor,
} from "./plan-change-context";
import type { PlanChangeOutcome } from "./read-plan-change-outcome";
import { recordPlanEvent } from "./record-plan-event";
import { updateSubscription } from "./update-subscription";
import { switchPlanNow } from "./switch-plan-now";
import { liveAttemptOf } from "./live-attempts";
import { cashReceiptChoice } from "@/lib/receipts/cash-receipt";

// Step 1 of the charge path for a plan change (docs/billing.md "Plan changes"), in one transaction
// with the subscription locked: decide what the change is, apply what needs no money at once (trial
// switch, lateral move, free upgrade, scheduled downgrade), and for an upgrade or interval change
// that costs money record the proration attempt with a deterministic order id (orderIdFor purpose
// "proration": sub_<id>_p<period>_u<n>) and its plan_change_charges row — before anything is sent.
// A live proration attempt is returned instead of a new one: an unknown answer is never followed by
// a new order id.

export type PlanChangeReservation =
  | { kind: "done"; outcome: PlanChangeOutcome }
  | { kind: "live"; attempt: ChargeAttempt }
  | ReservedAttempt;

export async function reservePlanChange(
  input: { userId: string; planId: string; actor: string },
  now: Date,
): Promise<PlanChangeReservation> {
  return db().transaction(async (tx): Promise<PlanChangeReservation> => {
    const { sub, plan: current } = await findLiveSubscription(tx, input.userId, { lock: true });
    const target = await findTargetPlan(tx, input.planId);

    if (target.id === sub.planId) {
      if (!sub.pendingPlanId) {
        throw planChangeConflict("already on this plan", "이미 이용 중인 요금제예요.");
      }
      const updated = await clearScheduledPlanChange(tx, sub, input.actor, now);
      return {
        kind: "done",
        outcome: { kind: "scheduled_change_canceled", subscription: updated },
      };
    }

    const live = await tx.select().from(chargeAttempts).where(liveAttemptOf(sub.id));
    const liveProration = live.find((a) => a.purpose === "proration");
    if (liveProration) return { kind: "live", attempt: liveProration };
    if (live.length > 0) {
      throw planChangeConflict(
        "a renewal charge is in flight",
        "결제를 처리하고 있어요. 잠시 후 다시 시도해 주세요.",
      );
    }
    if (sub.cancelAtPeriodEnd) {
      throw planChangeConflict(
        "scheduled to cancel",
        "해지가 예약된 구독이에요. 해지 예약을 취소한 뒤 요금제를 바꿔 주세요.",
      );
    }

    if (sub.status === "trialing") {
      // Nothing has been paid yet: the trial continues on the new plan. A conversion consent
      // for a lower price does not cover the new one, so it is asked again (superseding an
      // open request).
      const switched = await switchPlanNow(tx, sub, target, now);
      await recordPlanEvent(
        tx,
        sub,
        "plan_switched",
        input.actor,
        {
          fromPlanId: sub.planId,
          toPlanId: target.id,
          oldAmount: sub.priceAmount,
          newAmount: target.amount,
          inTrial: true,
        },
        now,
      );
      await requestTrialConversionConsent(tx, switched, now);
      return { kind: "done", outcome: { kind: "switched", subscription: switched } };
    }

    if (sub.status !== "active") {
      throw planChangeConflict(
        `plan changes need an active subscription, not ${sub.status}`,
        "결제 문제를 먼저 해결한 뒤 요금제를 바꿀 수 있어요.",
      );
    }
    if (sub.nextChargeAt && sub.nextChargeAt <= now) {
      throw planChangeConflict(
        "the renewal is due",
        "갱신 결제를 처리하고 있어요. 잠시 후 다시 시도해 주세요.",
      );
    }

    const quote = quoteFor(sub, current, target, now);
    const base = {
      fromPlanId: sub.planId,
      toPlanId: target.id,
      oldAmount: sub.priceAmount,
      newAmount: target.amount,
    };

    if (quote.kind === "downgrade") {
      const scheduled = await updateSubscription(tx, sub, { pendingPlanId: target.id }, now);
      await recordPlanEvent(
        tx,
        sub,
        "plan_change_scheduled",
        input.actor,
        {
          ...base,
          toAmount: target.amount,
          toAmountTaxFree: target.amountTaxFree,
          effectiveAt: quote.effectiveAt.toISOString(),
        },
        now,
      );
      return {
        kind: "done",
        outcome: {
          kind: "downgrade_scheduled",
          subscription: scheduled,
          effectiveAt: quote.effectiveAt,
        },
      };
    }

    if (quote.kind === "lateral" || (quote.kind === "upgrade" && quote.chargeNow === 0)) {
      const switched = await switchPlanNow(tx, sub, target, now);
      await recordPlanEvent(
        tx,
        sub,
        quote.kind === "lateral" ? "plan_switched" : "plan_upgraded",
        input.actor,
        { ...base, charged: 0, waived: quote.kind === "upgrade" ? quote.waived : 0 },
        now,
      );
      return {
        kind: "done",
        outcome:
          quote.kind === "lateral"
            ? { kind: "switched", subscription: switched }
            : { kind: "upgraded", subscription: switched, charged: 0, attempt: null },
      };
    }

    // Upgrade or interval change with money to collect.
    const [method] = sub.paymentMethodId
      ? await tx
          .select()
          .from(paymentMethods)
          .where(
            and(eq(paymentMethods.id, sub.paymentMethodId), eq(paymentMethods.status, "active")),
          )
      : [];
    if (!method?.billingKeyCiphertext) {
      throw planChangeConflict("no usable payment method", "결제수단을 먼저 등록해 주세요.");
    }
    const [last] = await tx
      .select({ n: max(chargeAttempts.attemptNumber) })
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, sub.id),
          eq(chargeAttempts.purpose, "proration"),
          eq(chargeAttempts.periodNumber, sub.periodNumber),
        ),
      );
    const attemptNumber = (last?.n ?? 0) + 1;
    const orderId = orderIdFor({
      subscriptionId: sub.id,
      periodNumber: sub.periodNumber,
      attemptNumber,
      purpose: "proration",
    });
    const orderName =
      quote.kind === "interval_change"
        ? `${target.name} 결제 주기 변경`
        : `${target.name} 요금제 변경 차액`;
    const attempt = await insertOne(tx, chargeAttempts, {
      subscriptionId: sub.id,
      userId: sub.userId,
      paymentMethodId: method.id,
      provider: method.provider,
      orderId,
      purpose: "proration",
      periodNumber: sub.periodNumber,
      periodStart: quote.kind === "interval_change" ? quote.newPeriodStart : sub.currentPeriodStart,
      periodEnd: quote.kind === "interval_change" ? quote.newPeriodEnd : sub.currentPeriodEnd,
      attemptNumber,
      amount: quote.chargeNow,
      amountTaxFree: quote.chargeTaxFree,
      orderName,
      cashReceiptTradeOption: cashReceiptChoice(),
      status: "pending",
      testMode: isTestCharge(method),
      createdAt: now,
      updatedAt: now,
    });

    // What the money buys, in the same transaction as the attempt: whoever settles the attempt
    // applies exactly this (apply-plan-change-charge.ts).
    await tx.insert(planChangeCharges).values({
      chargeAttemptId: attempt.id,
      subscriptionId: sub.id,
      kind: quote.kind,
      fromPlanId: sub.planId,
      toPlanId: target.id,
      oldAmount: sub.priceAmount,
      toAmount: target.amount,
      toAmountTaxFree: target.amountTaxFree,
      credit: quote.kind === "interval_change" ? quote.credit : 0,
      periodNumber: sub.periodNumber,
      newPeriodStart: quote.kind === "interval_change" ? quote.newPeriodStart : null,
      newPeriodEnd: quote.kind === "interval_change" ? quote.newPeriodEnd : null,
      actor: input.actor,
      createdAt: now,
    });
    const [payer] = await tx
      .select({ email: users.email, name: users.name })
      .from(users)
      .where(eq(users.id, sub.userId));
    return {
      kind: "reserved",
      attempt,
      method,
      orderName,
      payer: payer ?? { email: null, name: null },
    };
  });
}
