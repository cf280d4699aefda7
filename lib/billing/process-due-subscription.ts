import type { Executor } from "@/lib/db/client";
import type { Plan, Subscription } from "@/lib/db/schema";
import type { Outcome } from "@/lib/payments/types";
import { applyTransition } from "./apply-transition";
import { isDueAt } from "./live-statuses";
import {
  type LockedSubscription,
  type PrepareCharge,
  type PrepareDecision,
  type Reservation,
  type ReservedAttempt,
} from "./charge-outstanding-period";
import { endSubscription, scheduledCancelReason } from "./end-subscription";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { dunningPolicyOf } from "./merchant-settings";
import { noticeKey, notifyCustomer } from "./notify-customer";
import { decideRenewal, decideTrialConversion } from "./renewal-hooks";

// What the billing run does with one claimed, due subscription (docs/billing.md). The rules are
// applied inside the charge path's reservation transaction, with the row locked and no attempt
// of its outstanding period live, so the decision and the charge it leads to cannot be split by
// a concurrent change (a customer resuming, re-linking a method, another run).
//
//   cancel_at_period_end and the period (or trial) is over      → ended, no charge
//   trialing at trial end without consent to convert            → ended, no charge
//   a pending downgrade / shorter interval                      → applied first
//   a price rise without consent                                → old price, or ended (policy)
//   past_due with no usable method at its next_charge_at        → dunning_exhausted (unpaid)
//   trialing/active with no usable method at renewal            → payment_method_unusable
//   otherwise                                                   → charge the outstanding period

export type DueOutcome =
  | Outcome // the charge was sent and settled with this answer
  | "in_flight" // an attempt of the period is live: reconciliation resolves it
  | "ended"
  | "dunning_exhausted"
  | "method_unusable"
  | "skipped"; // no longer due, or not chargeable

export type DueResult = { outcome: DueOutcome; providerMs: number | null };

async function prepareDue(
  tx: Executor,
  { sub, plan, method }: LockedSubscription,
  now: Date,
): Promise<PrepareDecision> {
  if (!isDueAt(sub, now)) return { kind: "skip" };

  if (sub.cancelAtPeriodEnd && (sub.status === "active" || sub.status === "trialing")) {
    await endSubscription(tx, sub, {
      planName: plan.name,
      reason: scheduledCancelReason(sub),
      now,
    });
    return { kind: "handled", action: "ended" };
  }

  // Trial conversion (consent), or a renewal (pending plan change, then the consented price).
  const decided =
    sub.status === "trialing"
      ? await decideTrialConversion(tx, sub, plan, now)
      : await decideRenewal(tx, sub, plan, now);
  if (decided.kind === "ended") return { kind: "handled", action: "ended" };
  if (decided.kind === "not_due") return { kind: "skip" };

  if (!method?.billingKeyCiphertext) {
    return handleNoUsableMethod(tx, decided.sub, decided.plan, now);
  }
  return { kind: "charge", sub: decided.sub, plan: decided.plan };
}

async function handleNoUsableMethod(
  tx: Executor,
  sub: Subscription,
  plan: Plan,
  now: Date,
): Promise<PrepareDecision> {
  const outstanding = sub.periodNumber + 1;
  if (sub.status === "past_due") {
    await applyTransition(tx, sub, { type: "dunning_exhausted", now }, "system");
    await notifyCustomer(tx, {
      kind: "action_required",
      userId: sub.userId,
      subscriptionId: sub.id,
      dedupeKey: noticeKey("action_required", sub.id, outstanding, "unpaid"),
      now,
      data: {
        planName: plan.name,
        reason:
          "결제수단이 없어 이용이 중지됐어요. 새 결제수단을 등록하면 바로 다시 이용할 수 있어요.",
        amountDue: sub.priceAmount,
        accessUntil: null,
      },
    });
    return { kind: "handled", action: "dunning_exhausted" };
  }
  const policy = dunningPolicyOf(await loadMerchantSettings(tx));
  const moved = await applyTransition(
    tx,
    sub,
    { type: "payment_method_unusable", now, policy },
    "system",
    { reason: "no_active_payment_method" },
  );
  await notifyCustomer(tx, {
    kind: "action_required",
    userId: sub.userId,
    subscriptionId: sub.id,
    dedupeKey: noticeKey("action_required", sub.id, outstanding, "no_method"),
    now,
    data: {
      planName: plan.name,
      reason: "등록된 결제수단이 없어 자동결제를 할 수 없어요. 새 결제수단을 등록해 주세요.",
      amountDue: sub.priceAmount,
      accessUntil: moved.nextChargeAt,
    },
  });
  return { kind: "handled", action: "method_unusable" };
}

/** The due-subscription rules as the charge path's `prepare` step, for the moment `now`. */
export function dueRules(now: Date): PrepareCharge {
  return (tx, locked) => prepareDue(tx, locked, now);
}

/** What a reservation that sent nothing means for the run's summary. */
export function outcomeOfReservation(
  reservation: Exclude<Reservation, ReservedAttempt>,
): DueOutcome {
  switch (reservation.kind) {
    case "in_flight":
      return "in_flight";
    case "handled":
      return reservation.action;
    case "skipped":
      return "skipped";
  }
}
