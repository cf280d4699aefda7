import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptionEvents,
  subscriptions,
  type ChargeAttempt,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import type { ChargeLookup, ChargeResult } from "@/lib/payments/types";
import { applyChange, applyTransition } from "./apply-transition";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { dunningPolicyOf } from "./merchant-settings";
import { noticeKey, notifyCustomer } from "./notify-customer";
import { transition } from "./subscription-transitions";

// Records a provider's answer for an attempt and moves the subscription accordingly, in one
// transaction. The attempt is only updated while it is still live (pending/unknown), so two
// workers settling the same attempt (a late response racing a lookup) apply it once.

export type SettleResult = ChargeResult | ChargeLookup;

// After a config error (bad key, merchant not enabled) nothing was charged and the customer
// cannot fix it; try again later instead of hammering the provider every cron run.
const CONFIG_ERROR_BACKOFF_MS = 60 * 60 * 1000;

export type SettleOptions = {
  now?: Date | undefined;
  // The attempt's subscription when the caller knows it (saves a round trip).
  subscriptionId?: string;
  // Called last inside the transaction, before it commits (the crash test's
  // "after_response_before_commit").
  beforeCommit?: () => void;
};

export async function settleChargeAttempt(
  attemptId: string,
  result: SettleResult,
  options: SettleOptions = {},
): Promise<ChargeAttempt | null> {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const subscriptionId =
      options.subscriptionId ??
      (
        await tx
          .select({ subscriptionId: chargeAttempts.subscriptionId })
          .from(chargeAttempts)
          .where(eq(chargeAttempts.id, attemptId))
      )[0]?.subscriptionId;
    if (!subscriptionId) return null;
    const [row] = await lockSubscriptions(tx, [subscriptionId]);
    const settled = row ? await settleLocked(tx, row, attemptId, result, now) : null;
    options.beforeCommit?.();
    return settled?.attempt ?? null;
  });
}

export type SettleItem = { attemptId: string; subscriptionId: string; result: SettleResult };

/**
 * Settles several answers in one transaction (the billing run's group commit: answers that
 * arrive while the previous batch commits are written together). Each subscription is locked
 * once, in id order; the items' statements are sent without waiting for one another, so the
 * batch costs a few round trips instead of a few per answer. The items must be for distinct
 * subscriptions. Same results, in order, as settleChargeAttempt on each.
 */
export async function settleChargeAttempts(
  items: SettleItem[],
  options: { now: Date; beforeCommit?: () => void },
): Promise<(Settled | null)[]> {
  const ids = items.map((i) => i.subscriptionId);
  if (new Set(ids).size !== ids.length)
    throw new Error("settleChargeAttempts: duplicate subscriptions");
  return db().transaction(async (tx) => {
    const rows = new Map((await lockSubscriptions(tx, ids)).map((r) => [r.sub.id, r]));
    const settled = await Promise.all(
      items.map((item) => {
        const row = rows.get(item.subscriptionId);
        return row
          ? settleLocked(tx, row, item.attemptId, item.result, options.now)
          : Promise.resolve(null);
      }),
    );
    options.beforeCommit?.();
    return settled;
  });
}

// Of the plan, only what a settle needs: its terms for the next period, its name for notices.
type LockedRow = {
  sub: Subscription;
  plan: Pick<Plan, "id" | "name" | "interval" | "intervalCount">;
};

type SubscriptionAfter = Pick<Subscription, "status" | "nextChargeAt">;

/** The settled attempt and where its subscription stands afterwards. */
export type Settled = { attempt: ChargeAttempt; subscription: SubscriptionAfter };

// Lock order everywhere: subscriptions first (in id order), then their attempts.
function lockSubscriptions(tx: Executor, ids: string[]): Promise<LockedRow[]> {
  return tx
    .select({
      sub: subscriptions,
      plan: {
        id: plans.id,
        name: plans.name,
        interval: plans.interval,
        intervalCount: plans.intervalCount,
      },
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(ids.length === 1 ? eq(subscriptions.id, ids[0]!) : inArray(subscriptions.id, ids))
    .orderBy(asc(subscriptions.id))
    .for("update", { of: subscriptions });
}

async function settleLocked(
  tx: Executor,
  { sub, plan }: LockedRow,
  attemptId: string,
  result: SettleResult,
  now: Date,
): Promise<Settled | null> {
  const settled = (attempt: ChargeAttempt | undefined, after: SubscriptionAfter = sub) =>
    attempt
      ? { attempt, subscription: { status: after.status, nextChargeAt: after.nextChargeAt } }
      : null;
  const live = and(
    eq(chargeAttempts.id, attemptId),
    eq(chargeAttempts.subscriptionId, sub.id),
    inArray(chargeAttempts.status, ["pending", "unknown"]),
  );
  const common = { rawResponse: result.raw, updatedAt: now };

  if (result.outcome === "unknown") {
    const [attempt] = await tx
      .update(chargeAttempts)
      .set({
        ...common,
        status: "unknown",
        errorCode: result.code,
        errorMessage: result.merchantMessage,
        lastCheckedAt: now,
        checkCount: sql`${chargeAttempts.checkCount} + 1`,
      })
      .where(live)
      .returning();
    return settled(attempt);
  }

  if (result.outcome === "succeeded") {
    const { charge } = result;
    const [attempt] = await tx
      .update(chargeAttempts)
      .set({
        ...common,
        status: "succeeded",
        failureCategory: null,
        errorCode: null,
        errorMessage: null,
        customerMessage: null,
        providerPaymentId: charge.providerPaymentId,
        providerTransactionId: charge.providerTransactionId,
        receiptUrl: charge.receiptUrl,
        approvedAt: charge.approvedAt ?? now,
      })
      // Only an answer for the amount we asked closes the attempt: many merchants share Toss
      // Pay's public test key, so a lookup by order id is not proof enough on its own.
      .where(and(live, eq(chargeAttempts.amount, charge.amount)))
      .returning();
    if (!attempt) return holdForReview(tx, live, charge.amount, result.raw, now).then(settled);
    const outstanding = attempt.periodNumber === sub.periodNumber + 1;
    let after: SubscriptionAfter = sub;
    if (attempt.purpose === "period" && outstanding && sub.status !== "canceled") {
      const change = transition(sub, {
        type: "period_paid",
        now,
        plan,
        periodNumber: attempt.periodNumber,
      });
      // What the row will look like, for the notice written alongside the change (both go out
      // in one round trip).
      const paid = { ...sub, ...change.patch };
      after = paid;
      const recovered = sub.status === "past_due" || sub.status === "unpaid";
      await Promise.all([
        applyChange(tx, sub, change, now, "system", {
          orderId: attempt.orderId,
          amount: attempt.amount,
        }),
        notifyCustomer(
          tx,
          recovered
            ? {
                kind: "payment_recovered",
                userId: sub.userId,
                subscriptionId: sub.id,
                dedupeKey: noticeKey("payment_recovered", attempt.id),
                now,
                data: {
                  planName: plan.name,
                  amount: attempt.amount,
                  receiptUrl: attempt.receiptUrl,
                  nextChargeAt: paid.nextChargeAt,
                },
              }
            : {
                kind: "receipt",
                userId: sub.userId,
                subscriptionId: sub.id,
                dedupeKey: noticeKey("receipt", attempt.id),
                now,
                data: {
                  planName: plan.name,
                  amount: attempt.amount,
                  orderId: attempt.orderId,
                  approvedAt: attempt.approvedAt ?? now,
                  receiptUrl: attempt.receiptUrl,
                  description: "정기결제",
                  periodStart: paid.currentPeriodStart,
                  periodEnd: paid.currentPeriodEnd,
                  nextChargeAt: paid.nextChargeAt,
                },
              },
        ),
      ]);
    } else if (attempt.purpose === "period") {
      // Money moved for a period the subscription no longer expects (it was canceled while
      // the charge was in flight). Keep it visible for a refund decision.
      await tx.insert(subscriptionEvents).values({
        subscriptionId: sub.id,
        type: "charge_needs_review",
        actor: "system",
        data: { orderId: attempt.orderId, amount: attempt.amount, status: sub.status },
        createdAt: now,
      });
    }
    return settled(attempt, after);
  }

  // not_found: the provider has no payment under this order id, so nothing was charged.
  // The attempt is closed without counting as a customer failure; the next run charges the
  // period again under the next attempt number.
  if (result.outcome === "not_found") {
    const [attempt] = await tx
      .update(chargeAttempts)
      .set({
        ...common,
        status: "failed",
        failureCategory: null,
        errorCode: result.code ?? "NOT_FOUND",
        errorMessage: result.merchantMessage,
        lastCheckedAt: now,
      })
      .where(live)
      .returning();
    return settled(attempt);
  }

  const [attempt] = await tx
    .update(chargeAttempts)
    .set({
      ...common,
      status: "failed",
      failureCategory: result.outcome,
      errorCode: result.code,
      errorMessage: result.merchantMessage,
      customerMessage: result.customerMessage,
    })
    .where(live)
    .returning();
  if (!attempt) return null;
  const outstanding = attempt.periodNumber === sub.periodNumber + 1;
  const inDunningScope = ["incomplete", "trialing", "active", "past_due"].includes(sub.status);
  const data = { orderId: attempt.orderId, code: result.code, message: result.customerMessage };

  if (result.outcome === "config_error") {
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type: "charge_config_error",
      actor: "system",
      data: { ...data, merchantMessage: result.merchantMessage },
      createdAt: now,
    });
    if (sub.nextChargeAt && sub.nextChargeAt <= now) {
      const nextChargeAt = new Date(now.getTime() + CONFIG_ERROR_BACKOFF_MS);
      await tx
        .update(subscriptions)
        .set({ nextChargeAt, updatedAt: now })
        .where(eq(subscriptions.id, sub.id));
      return settled(attempt, { status: sub.status, nextChargeAt });
    }
    return settled(attempt);
  }

  if (result.outcome === "needs_new_method" && attempt.paymentMethodId) {
    await tx
      .update(paymentMethods)
      .set({
        status: "removed",
        removedAt: now,
        failureCode: result.code,
        failureMessage: result.merchantMessage,
        updatedAt: now,
      })
      .where(
        and(eq(paymentMethods.id, attempt.paymentMethodId), eq(paymentMethods.status, "active")),
      );
  }

  if (attempt.purpose === "period" && outstanding && inDunningScope) {
    const policy = dunningPolicyOf(await loadMerchantSettings(tx));
    const moved = await applyTransition(
      tx,
      sub,
      result.outcome === "needs_new_method"
        ? { type: "payment_method_unusable", now, policy }
        : { type: "payment_declined", now, policy },
      "system",
      data,
    );
    // A declined first charge is shown on the page the customer is looking at.
    if (sub.status !== "incomplete") {
      await notifyFailure(tx, { attempt, planName: plan.name, moved, now, result });
    }
    return settled(attempt, moved);
  }
  return settled(attempt);
}

async function notifyFailure(
  tx: Executor,
  input: {
    attempt: ChargeAttempt;
    planName: string;
    moved: Subscription;
    now: Date;
    result: SettleResult;
  },
) {
  const { attempt, planName, moved, now, result } = input;
  const common = { userId: moved.userId, subscriptionId: moved.id, now };
  // Access lasts while past_due (grace); after the last retry it is gone.
  const accessUntil = moved.status === "past_due" ? moved.nextChargeAt : null;
  if (result.outcome === "needs_new_method") {
    await notifyCustomer(tx, {
      ...common,
      kind: "action_required",
      dedupeKey: noticeKey("action_required", attempt.id),
      data: {
        planName,
        reason: result.customerMessage,
        amountDue: attempt.amount,
        accessUntil,
      },
    });
    return;
  }
  await notifyCustomer(tx, {
    ...common,
    kind: "payment_failed",
    dedupeKey: noticeKey("payment_failed", attempt.id),
    data: {
      planName,
      amount: attempt.amount,
      reason: result.customerMessage,
      nextRetryAt: moved.status === "past_due" ? moved.nextChargeAt : null,
      accessUntil,
    },
  });
}

/**
 * The provider says a different amount was approved under our order id than we asked for. The
 * attempt stays unknown — the period is neither paid nor charged again — and shows in the
 * admin's attention list until a person checks it with the provider.
 */
async function holdForReview(
  tx: Executor,
  live: ReturnType<typeof and>,
  reportedAmount: number,
  raw: SettleResult["raw"],
  now: Date,
): Promise<ChargeAttempt | undefined> {
  const [attempt] = await tx
    .update(chargeAttempts)
    .set({
      rawResponse: raw,
      updatedAt: now,
      status: "unknown",
      errorCode: "AMOUNT_MISMATCH",
      errorMessage: sql`'The provider reports ₩' || ${reportedAmount}::text || ' approved under this order id, not the ₩' || ${chargeAttempts.amount}::text || ' we asked; check it with the provider before refunding or charging again.'`,
      lastCheckedAt: now,
      checkCount: sql`${chargeAttempts.checkCount} + 1`,
    })
    .where(and(live, ne(chargeAttempts.amount, reportedAmount)))
    .returning();
  return attempt;
}
