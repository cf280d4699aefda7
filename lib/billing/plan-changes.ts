import { and, eq, gt, inArray, max, ne, notExists, sql } from "drizzle-orm";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptionEvents,
  subscriptions,
  type ChargeAttempt,
  type PaymentMethod,
  type Plan,
  type Subscription,
  type SubscriptionEventType,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { isTestCharge } from "@/lib/payments/mode";
import type { ChargeLookup, ChargeResult, PaymentProvider } from "@/lib/payments/types";
import { requestTrialConversionConsent } from "./request-trial-conversion-consent";
import { expireOpenRequest } from "./consent-requests";
import { orderIdFor } from "./order-id";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { quotePlanChange, type PlanChangeQuote } from "./plan-changes-pricing";
import { IN_FLIGHT_GRACE_MS, NOT_FOUND_TRUSTED_AFTER_MS } from "./reconcile-charge-attempt";
import { settleChargeAttempt } from "./settle-charge-attempt";

// Plan changes (billing.md "Plan changes"), for customers on their account page and for admins.
//
// Upgrades and interval changes that cost money follow the charge path's rules (billing.md
// "Charging"): the proration attempt is recorded with a deterministic order id
// (orderIdFor purpose "proration": sub_<id>_p<period>_u<n>) before anything is sent, together
// with a `plan_change_charge_reserved` event that says what the money buys. Once the attempt is
// settled (at once, or later by a lookup of the same order id) completePlanChange applies the
// change exactly once. A `unknown` answer is never followed by a new order id: the next request
// for this subscription looks the old one up first.
//
// Downgrades (and moves to a shorter period) wait for current_period_end: pending_plan_id is
// set now, and the charge run calls applyPendingPlanChange when it reserves the renewal.

export type PlanChangeOptions = {
  now?: Date;
  // How to find the provider of a method or attempt (the run's, or a test's); default: the
  // registry.
  providerFor?: ProviderFor;
};

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

const RESERVED = "plan_change_charge_reserved";
const OUTCOME_EVENTS = [
  "plan_upgraded",
  "plan_interval_changed",
  "plan_change_failed",
  "plan_change_needs_review",
] as const;

// What a proration attempt pays for, kept in its reservation event.
type Reservation = {
  attemptId: string;
  orderId: string;
  kind: "upgrade" | "interval_change";
  fromPlanId: string;
  toPlanId: string;
  oldAmount: number; // KRW
  toAmount: number; // KRW, the subscriber's new price per period
  toAmountTaxFree: number; // KRW
  charge: number; // KRW
  credit: number; // KRW (interval change)
  periodNumber: number; // the period the subscription was in when it was quoted
  newPeriodStart: string | null; // ISO (interval change)
  newPeriodEnd: string | null; // ISO (interval change)
  actor: string;
};

function conflict(message: string, userMessage: string): AppError {
  return new AppError("conflict", message, { userMessage });
}

async function lockLiveSubscription(tx: Executor, userId: string) {
  const [row] = await tx
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, userId), ne(subscriptions.status, "canceled")))
    .for("update", { of: subscriptions });
  if (!row) {
    throw new AppError("not_found", `user ${userId} has no live subscription`, {
      userMessage: "이용 중인 구독이 없어요.",
    });
  }
  return row;
}

async function findTargetPlan(tx: Executor, planId: string): Promise<Plan> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
  if (!plan || plan.status !== "active") {
    throw new AppError("not_found", `plan ${planId} not found or archived`, {
      userMessage: "선택한 요금제를 찾을 수 없어요.",
    });
  }
  return plan;
}

function quoteFor(sub: Subscription, current: Plan, target: Plan, now: Date): PlanChangeQuote {
  if (!sub.currentPeriodStart || !sub.currentPeriodEnd) {
    throw conflict(
      `subscription ${sub.id} has no current period`,
      "지금은 요금제를 바꿀 수 없어요.",
    );
  }
  return quotePlanChange({
    current: {
      amount: sub.priceAmount,
      amountTaxFree: sub.priceAmountTaxFree,
      interval: current.interval,
      intervalCount: current.intervalCount,
    },
    target,
    periodStart: sub.currentPeriodStart,
    periodEnd: sub.currentPeriodEnd,
    now,
  });
}

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
  const [row] = await executor
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(and(eq(subscriptions.userId, input.userId), ne(subscriptions.status, "canceled")));
  if (!row)
    throw new AppError("not_found", "no live subscription", {
      userMessage: "이용 중인 구독이 없어요.",
    });
  const target = await findTargetPlan(executor, input.planId);
  if (row.sub.status === "trialing") {
    return { kind: "trial_switch", effectiveAt: now, chargeNow: 0, trial: true };
  }
  return quoteFor(row.sub, row.plan, target, now);
}

async function recordEvent(
  tx: Executor,
  sub: Subscription,
  type: SubscriptionEventType,
  actor: string,
  data: Record<string, unknown>,
  now: Date,
) {
  await tx
    .insert(subscriptionEvents)
    .values({ subscriptionId: sub.id, type, actor, data, createdAt: now });
}

/** Switches plan and price now, cancelling a scheduled change and moot price-rise requests. */
export async function switchPlanNow(
  tx: Executor,
  sub: Subscription,
  target: { id: string; amount: number; amountTaxFree: number },
  now: Date,
  periodPatch: Partial<Subscription> = {},
): Promise<Subscription> {
  const [updated] = await tx
    .update(subscriptions)
    .set({
      planId: target.id,
      priceAmount: target.amount,
      priceAmountTaxFree: target.amountTaxFree,
      pendingPlanId: null,
      updatedAt: now,
      ...periodPatch,
    })
    .where(eq(subscriptions.id, sub.id))
    .returning();
  if (!updated) throw new Error(`subscription ${sub.id} vanished`);
  // The customer chose the new price themselves; a request about the old plan's rise is moot.
  await expireOpenRequest(tx, sub.id, "price_increase", "plan_changed", now);
  return updated;
}

type Reserved = {
  kind: "reserved";
  attempt: ChargeAttempt;
  method: PaymentMethod;
  orderName: string;
};
type Decided =
  | { kind: "done"; outcome: PlanChangeOutcome }
  | { kind: "live"; attempt: ChargeAttempt }
  | Reserved;

async function decideAndReserve(
  input: { userId: string; planId: string; actor: string },
  now: Date,
): Promise<Decided> {
  return db().transaction(async (tx): Promise<Decided> => {
    const { sub, plan: current } = await lockLiveSubscription(tx, input.userId);
    const target = await findTargetPlan(tx, input.planId);

    if (target.id === sub.planId) {
      if (!sub.pendingPlanId) {
        throw conflict("already on this plan", "이미 이용 중인 요금제예요.");
      }
      const [updated] = await tx
        .update(subscriptions)
        .set({ pendingPlanId: null, updatedAt: now })
        .where(eq(subscriptions.id, sub.id))
        .returning();
      await recordEvent(
        tx,
        sub,
        "plan_change_canceled",
        input.actor,
        { toPlanId: sub.pendingPlanId },
        now,
      );
      return {
        kind: "done",
        outcome: { kind: "scheduled_change_canceled", subscription: updated ?? sub },
      };
    }

    const live = await tx
      .select()
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, sub.id),
          inArray(chargeAttempts.status, ["pending", "unknown"]),
        ),
      );
    const liveProration = live.find((a) => a.purpose === "proration");
    if (liveProration) return { kind: "live", attempt: liveProration };
    if (live.length > 0) {
      throw conflict(
        "a renewal charge is in flight",
        "결제를 처리하고 있어요. 잠시 후 다시 시도해 주세요.",
      );
    }
    if (sub.cancelAtPeriodEnd) {
      throw conflict(
        "scheduled to cancel",
        "해지가 예약된 구독이에요. 해지 예약을 취소한 뒤 요금제를 바꿔 주세요.",
      );
    }

    if (sub.status === "trialing") {
      // Nothing has been paid yet: the trial continues on the new plan. A conversion consent
      // for a lower price does not cover the new one, so it is asked again (superseding an
      // open request).
      const switched = await switchPlanNow(tx, sub, target, now);
      await recordEvent(
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
      throw conflict(
        `plan changes need an active subscription, not ${sub.status}`,
        "결제 문제를 먼저 해결한 뒤 요금제를 바꿀 수 있어요.",
      );
    }
    if (sub.nextChargeAt && sub.nextChargeAt <= now) {
      throw conflict(
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
      const [updated] = await tx
        .update(subscriptions)
        .set({ pendingPlanId: target.id, updatedAt: now })
        .where(eq(subscriptions.id, sub.id))
        .returning();
      await recordEvent(
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
          subscription: updated ?? sub,
          effectiveAt: quote.effectiveAt,
        },
      };
    }

    if (quote.kind === "lateral" || (quote.kind === "upgrade" && quote.chargeNow === 0)) {
      const switched = await switchPlanNow(tx, sub, target, now);
      await recordEvent(
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
      throw conflict("no usable payment method", "결제수단을 먼저 등록해 주세요.");
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
    const [attempt] = await tx
      .insert(chargeAttempts)
      .values({
        subscriptionId: sub.id,
        userId: sub.userId,
        paymentMethodId: method.id,
        provider: method.provider,
        orderId,
        purpose: "proration",
        periodNumber: sub.periodNumber,
        periodStart:
          quote.kind === "interval_change" ? quote.newPeriodStart : sub.currentPeriodStart,
        periodEnd: quote.kind === "interval_change" ? quote.newPeriodEnd : sub.currentPeriodEnd,
        attemptNumber,
        amount: quote.chargeNow,
        amountTaxFree: quote.chargeTaxFree,
        status: "pending",
        testMode: isTestCharge(method),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!attempt) throw new Error("proration attempt insert returned nothing");

    const reservation: Reservation = {
      attemptId: attempt.id,
      orderId,
      kind: quote.kind,
      fromPlanId: sub.planId,
      toPlanId: target.id,
      oldAmount: sub.priceAmount,
      toAmount: target.amount,
      toAmountTaxFree: target.amountTaxFree,
      charge: quote.chargeNow,
      credit: quote.kind === "interval_change" ? quote.credit : 0,
      periodNumber: sub.periodNumber,
      newPeriodStart: quote.kind === "interval_change" ? quote.newPeriodStart.toISOString() : null,
      newPeriodEnd: quote.kind === "interval_change" ? quote.newPeriodEnd.toISOString() : null,
      actor: input.actor,
    };
    await recordEvent(tx, sub, RESERVED, input.actor, reservation, now);
    const orderName =
      quote.kind === "interval_change"
        ? `${target.name} 결제 주기 변경`
        : `${target.name} 요금제 변경 차액`;
    return { kind: "reserved", attempt, method, orderName };
  });
}

async function send(reserved: Reserved, provider: PaymentProvider): Promise<ChargeResult> {
  const { attempt, method, orderName } = reserved;
  try {
    return await provider.charge({
      billingKey: decryptBillingKey(method.billingKeyCiphertext ?? "", method.id),
      customer: {
        providerCustomerId: method.providerCustomerId,
        providerDisplayId: method.providerDisplayId ?? undefined,
      },
      orderId: attempt.orderId,
      orderName,
      amount: attempt.amount,
      amountTaxFree: attempt.amountTaxFree,
    });
  } catch (error) {
    // Anything thrown may have happened after the request left: never a failure.
    return {
      outcome: "unknown",
      code: "CLIENT_ERROR",
      merchantMessage: `charge call threw: ${error instanceof Error ? error.message : String(error)}`,
      customerMessage: "결제 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
      raw: null,
    };
  }
}

/**
 * Looks a live proration attempt up by its order id (billing.md "Charging" step 4), with the
 * same patience as reconcileChargeAttempt, and records the answer.
 */
async function lookUpLiveAttempt(
  attempt: ChargeAttempt,
  provider: PaymentProvider,
  now: Date,
): Promise<void> {
  const age = now.getTime() - attempt.createdAt.getTime();
  if (age < IN_FLIGHT_GRACE_MS) return;
  let lookup: ChargeLookup;
  try {
    lookup = await provider.lookUpCharge({ orderId: attempt.orderId });
  } catch (error) {
    lookup = {
      outcome: "unknown",
      code: "CLIENT_ERROR",
      merchantMessage: `lookup threw: ${error instanceof Error ? error.message : String(error)}`,
      customerMessage: "결제 결과를 확인하고 있어요.",
      raw: null,
    };
  }
  if (lookup.outcome === "not_found" && age < NOT_FOUND_TRUSTED_AFTER_MS) {
    lookup = {
      ...lookup,
      outcome: "unknown",
      code: "NOT_FOUND_YET",
      merchantMessage: `No payment under ${attempt.orderId} yet; waiting before believing it.`,
    };
  }
  await settleChargeAttempt(attempt.id, lookup, { now });
}

async function reservationOf(tx: Executor, attempt: ChargeAttempt): Promise<Reservation | null> {
  const [event] = await tx
    .select({ data: subscriptionEvents.data })
    .from(subscriptionEvents)
    .where(
      and(
        eq(subscriptionEvents.subscriptionId, attempt.subscriptionId),
        eq(subscriptionEvents.type, RESERVED),
        sql`${subscriptionEvents.data}->>'attemptId' = ${attempt.id}`,
      ),
    )
    .limit(1);
  return (event?.data as Reservation | undefined) ?? null;
}

/**
 * Applies the plan change a settled proration attempt paid for, exactly once (later calls
 * return the recorded outcome). Returns null for an attempt that is not a plan change's.
 */
export async function completePlanChange(
  attemptId: string,
  options: { now?: Date } = {},
): Promise<PlanChangeOutcome | null> {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const [head] = await tx
      .select({ subscriptionId: chargeAttempts.subscriptionId })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.id, attemptId));
    if (!head) return null;
    // Lock order everywhere: subscription first, then its attempts.
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, head.subscriptionId))
      .for("update");
    const [attempt] = await tx
      .select()
      .from(chargeAttempts)
      .where(eq(chargeAttempts.id, attemptId));
    if (!sub || !attempt) return null;
    const reservation = await reservationOf(tx, attempt);
    if (!reservation) return null;
    if (attempt.status === "pending" || attempt.status === "unknown") {
      return { kind: "pending", attempt };
    }

    const [done] = await tx
      .select({ type: subscriptionEvents.type })
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, sub.id),
          inArray(subscriptionEvents.type, [...OUTCOME_EVENTS]),
          sql`${subscriptionEvents.data}->>'attemptId' = ${attempt.id}`,
        ),
      )
      .limit(1);
    if (done) return outcomeOf(done.type, sub, attempt, reservation);

    const base = {
      attemptId: attempt.id,
      orderId: attempt.orderId,
      fromPlanId: reservation.fromPlanId,
      toPlanId: reservation.toPlanId,
    };
    if (attempt.status === "failed") {
      await recordEvent(
        tx,
        sub,
        "plan_change_failed",
        reservation.actor,
        {
          ...base,
          code: attempt.errorCode,
          category: attempt.failureCategory,
          message: attempt.customerMessage,
        },
        now,
      );
      return outcomeOf("plan_change_failed", sub, attempt, reservation);
    }

    // Succeeded. The change only applies to the subscription it was quoted for.
    const stillLive = ["active", "past_due", "trialing"].includes(sub.status);
    const periodMoved = sub.periodNumber !== reservation.periodNumber;
    if (!stillLive || (reservation.kind === "interval_change" && periodMoved)) {
      await recordEvent(
        tx,
        sub,
        "plan_change_needs_review",
        "system",
        { ...base, amount: attempt.amount, status: sub.status, periodMoved },
        now,
      );
      return { kind: "needs_review", attempt };
    }

    const target = {
      id: reservation.toPlanId,
      amount: reservation.toAmount,
      amountTaxFree: reservation.toAmountTaxFree,
    };
    let updated: Subscription;
    if (
      reservation.kind === "interval_change" &&
      reservation.newPeriodStart &&
      reservation.newPeriodEnd
    ) {
      const start = new Date(reservation.newPeriodStart);
      const end = new Date(reservation.newPeriodEnd);
      // A new period starts: it is paid by this charge (with the old period's unused part
      // credited), so it gets the next period number and a new anchor.
      updated = await switchPlanNow(tx, sub, target, now, {
        periodNumber: sub.periodNumber + 1,
        billingAnchorAt: start,
        currentPeriodStart: start,
        currentPeriodEnd: end,
        nextChargeAt: end,
      });
    } else {
      updated = await switchPlanNow(tx, sub, target, now);
    }
    const type = reservation.kind === "interval_change" ? "plan_interval_changed" : "plan_upgraded";
    await recordEvent(
      tx,
      sub,
      type,
      reservation.actor,
      {
        ...base,
        oldAmount: reservation.oldAmount,
        newAmount: reservation.toAmount,
        charged: attempt.amount,
        credit: reservation.credit,
        periodMoved,
        ...(reservation.kind === "interval_change"
          ? { periodStart: reservation.newPeriodStart, periodEnd: reservation.newPeriodEnd }
          : {}),
      },
      now,
    );
    const [plan] = await tx.select().from(plans).where(eq(plans.id, reservation.toPlanId));
    await enqueueNotification(tx, {
      kind: "receipt",
      data: {
        planName: plan?.name ?? "구독",
        amount: attempt.amount,
        orderId: attempt.orderId,
        approvedAt: attempt.approvedAt ?? now,
        receiptUrl: attempt.receiptUrl,
        description: reservation.kind === "interval_change" ? "결제 주기 변경" : "요금제 변경 차액",
        periodStart: reservation.kind === "interval_change" ? updated.currentPeriodStart : null,
        periodEnd: reservation.kind === "interval_change" ? updated.currentPeriodEnd : null,
        nextChargeAt: updated.nextChargeAt,
      },
      userId: sub.userId,
      subscriptionId: sub.id,
      dedupeKey: dedupeKeyFor("receipt", attempt.id),
      now,
    });
    return outcomeOf(type, updated, attempt, reservation);
  });
}

function outcomeOf(
  type: string,
  sub: Subscription,
  attempt: ChargeAttempt,
  reservation: Reservation,
): PlanChangeOutcome {
  switch (type) {
    case "plan_upgraded":
      return { kind: "upgraded", subscription: sub, charged: attempt.amount, attempt };
    case "plan_interval_changed":
      return {
        kind: "interval_changed",
        subscription: sub,
        charged: attempt.amount,
        credit: reservation.credit,
        attempt,
      };
    case "plan_change_failed":
      return {
        kind: "declined",
        attempt,
        customerMessage: attempt.customerMessage ?? "결제에 실패했어요. 결제수단을 확인해 주세요.",
        needsNewMethod: attempt.failureCategory === "needs_new_method",
      };
    default:
      return { kind: "needs_review", attempt };
  }
}

/**
 * Changes the customer's plan (billing.md "Plan changes"). `actor`: "customer:<userId>" or
 * "admin:<userId>". Upgrades are charged and applied before this returns unless the provider's
 * answer is unknown (outcome "pending"): the cron's completePlanChanges finishes those.
 */
export async function changePlan(
  input: { userId: string; planId: string; actor: string },
  options: PlanChangeOptions = {},
): Promise<PlanChangeOutcome> {
  const now = options.now ?? new Date();
  const decided = await decideAndReserve(input, now);
  if (decided.kind === "done") return decided.outcome;

  const providerFor = options.providerFor ?? defaultProviderFor;
  const provider = (attempt: ChargeAttempt) => providerFor(attempt.provider);

  if (decided.kind === "live") {
    // An earlier change's charge is unresolved: look it up by its order id first.
    await lookUpLiveAttempt(decided.attempt, provider(decided.attempt), now);
    return (
      (await completePlanChange(decided.attempt.id, { now })) ?? {
        kind: "pending",
        attempt: decided.attempt,
      }
    );
  }

  const result = await send(decided, provider(decided.attempt));
  await settleChargeAttempt(decided.attempt.id, result, { now });
  return (
    (await completePlanChange(decided.attempt.id, { now })) ?? {
      kind: "pending",
      attempt: decided.attempt,
    }
  );
}

/** Cancels a scheduled downgrade before it takes effect. */
export async function cancelScheduledPlanChange(input: {
  userId: string;
  actor: string;
  now?: Date;
}): Promise<Subscription> {
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    const { sub } = await lockLiveSubscription(tx, input.userId);
    if (!sub.pendingPlanId)
      throw conflict("no scheduled plan change", "예약된 요금제 변경이 없어요.");
    const [updated] = await tx
      .update(subscriptions)
      .set({ pendingPlanId: null, updatedAt: now })
      .where(eq(subscriptions.id, sub.id))
      .returning();
    await recordEvent(
      tx,
      sub,
      "plan_change_canceled",
      input.actor,
      { toPlanId: sub.pendingPlanId },
      now,
    );
    return updated ?? sub;
  });
}

export type PlanChangeSweep = { completed: number; stillPending: number };

/**
 * The cron run's plan-change step: looks up proration attempts whose outcome is still unknown
 * (by their order id) and applies every settled plan change not yet applied. Idempotent.
 */
export async function completePlanChanges(
  options: PlanChangeOptions & { limit?: number } = {},
): Promise<PlanChangeSweep> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 200;
  const sweep: PlanChangeSweep = { completed: 0, stillPending: 0 };

  const live = await db()
    .select()
    .from(chargeAttempts)
    .where(
      and(
        eq(chargeAttempts.purpose, "proration"),
        inArray(chargeAttempts.status, ["pending", "unknown"]),
      ),
    )
    .limit(limit);
  for (const attempt of live) {
    await lookUpLiveAttempt(
      attempt,
      (options.providerFor ?? defaultProviderFor)(attempt.provider),
      now,
    );
  }

  // Settled proration attempts whose plan change has no outcome event yet (a crash between
  // settling and applying, or a lookup that settled it in another step of the run).
  const settled = await db()
    .select({ id: chargeAttempts.id })
    .from(chargeAttempts)
    .where(
      and(
        eq(chargeAttempts.purpose, "proration"),
        inArray(chargeAttempts.status, ["succeeded", "failed"]),
        gt(chargeAttempts.updatedAt, new Date(now.getTime() - 90 * 24 * 60 * 60 * 1000)),
        notExists(
          db()
            .select({ one: sql`1` })
            .from(subscriptionEvents)
            .where(
              and(
                eq(subscriptionEvents.subscriptionId, chargeAttempts.subscriptionId),
                inArray(subscriptionEvents.type, [...OUTCOME_EVENTS]),
                sql`${subscriptionEvents.data}->>'attemptId' = ${chargeAttempts.id}::text`,
              ),
            ),
        ),
      ),
    )
    .limit(limit);
  for (const { id } of settled) {
    const outcome = await completePlanChange(id, { now });
    if (outcome && outcome.kind !== "pending") sweep.completed += 1;
  }
  const [left] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(chargeAttempts)
    .where(
      and(
        eq(chargeAttempts.purpose, "proration"),
        inArray(chargeAttempts.status, ["pending", "unknown"]),
      ),
    );
  sweep.stillPending = left?.n ?? 0;
  return sweep;
}
