import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { TemplateContext } from "@/lib/notifications/templates";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  type ChargeAttempt,
  type PaymentMethod,
  type Subscription,
} from "@/lib/db/schema";
import { applyPlanChangeCharge } from "./apply-plan-change-charge";
import type { SettleContext, SettleHook, SettleResult, SubscriptionAfter } from "./settle-hook";
import { settlePeriodAttempt } from "./settle-period-attempt";
import { fillMethodDetails } from "./fill-method-details";
import { liveAttemptOf } from "./live-attempts";
import { LIVE_STATUSES } from "./live-statuses";
import { settlePaidPeriods, type PaidPeriodCandidate } from "./settle-paid-periods";

// Records a provider's answer for an attempt and moves the subscription accordingly, in one
// transaction. The attempt is only updated while it is still live (pending/unknown), so two
// workers settling the same attempt (a late response racing a lookup) apply it once; what the
// answer means beyond the attempt row is its purpose's hook (settle-hook.ts), run once, in the
// same transaction.

export type { SettleResult } from "./settle-hook";

const SETTLE_HOOKS: Record<ChargeAttempt["purpose"], SettleHook> = {
  period: settlePeriodAttempt,
  proration: applyPlanChangeCharge,
};

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

export type SettleItem = {
  attemptId: string;
  subscriptionId: string;
  result: SettleResult;
  // The attempt's method as the caller read it at reservation (saves fillMethodDetails' UPDATE
  // when the method's display columns are already complete).
  method?: PaymentMethod;
};

/**
 * Settles several answers in one transaction (the billing run's group commit: answers that
 * arrive while the previous batch commits are written together). Each subscription is locked
 * once, in id order. Successes for the outstanding period cost a few statements for the whole
 * batch (settle-paid-periods.ts); the other answers' statements are sent without waiting for
 * one another. The items must be for distinct subscriptions. Same results, in order, as
 * settleChargeAttempt on each.
 */
export async function settleChargeAttempts(
  items: SettleItem[],
  options: { now: Date; beforeCommit?: () => void; templateContext?: TemplateContext },
): Promise<(Settled | null)[]> {
  const ids = items.map((i) => i.subscriptionId);
  if (new Set(ids).size !== ids.length)
    throw new Error("settleChargeAttempts: duplicate subscriptions");
  return db().transaction(async (tx) => {
    const rows = new Map((await lockSubscriptions(tx, ids)).map((r) => [r.sub.id, r]));
    const one = (item: SettleItem) => {
      const row = rows.get(item.subscriptionId);
      return row
        ? settleLocked(tx, row, item.attemptId, item.result, options.now, item.method)
        : Promise.resolve(null);
    };
    // Successes for live subscriptions are the common case, written for the whole batch at once
    // (settle-paid-periods.ts); the rest, and any success that turns out not to be common (no
    // longer live, another amount or purpose or period), are settled one by one.
    const candidates: PaidPeriodCandidate[] = [];
    const others: SettleItem[] = [];
    for (const item of items) {
      const row = rows.get(item.subscriptionId);
      if (row && item.result.outcome === "succeeded" && isLive(row.sub.status)) {
        candidates.push({
          ...row,
          attemptId: item.attemptId,
          result: item.result,
          method: item.method,
        });
      } else {
        others.push(item);
      }
    }
    const [paid, settledOthers] = await Promise.all([
      settlePaidPeriods(tx, candidates, options.now, options.templateContext),
      Promise.all(others.map(async (item) => [item.attemptId, await one(item)] as const)),
    ]);
    const bySettle = new Map<string, Settled | null>([...paid, ...settledOthers]);
    const rest = items.filter((item) => !bySettle.has(item.attemptId));
    for (const [attemptId, settled] of await Promise.all(
      rest.map(async (item) => [item.attemptId, await one(item)] as const),
    )) {
      bySettle.set(attemptId, settled);
    }
    options.beforeCommit?.();
    return items.map((item) => bySettle.get(item.attemptId) ?? null);
  });
}

function isLive(status: Subscription["status"]): boolean {
  return (LIVE_STATUSES as readonly string[]).includes(status);
}

type LockedRow = Pick<SettleContext, "sub" | "plan">;

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
  knownMethod?: PaymentMethod,
): Promise<Settled | null> {
  const settled = (attempt: ChargeAttempt | undefined, after: SubscriptionAfter = sub) =>
    attempt
      ? { attempt, subscription: { status: after.status, nextChargeAt: after.nextChargeAt } }
      : null;
  const live = and(eq(chargeAttempts.id, attemptId), liveAttemptOf(sub.id));
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
    if (attempt.paymentMethodId) {
      await fillMethodDetails(tx, attempt.paymentMethodId, charge.method, now, knownMethod);
    }
    return settled(attempt, await SETTLE_HOOKS[attempt.purpose](tx, { sub, plan, attempt, now }));
  }

  // not_found: the provider has no payment under this order id, so nothing was charged. The
  // attempt is closed without counting as a customer failure (failureCategory null); a new
  // attempt may follow under the next attempt number.
  const [attempt] = await tx
    .update(chargeAttempts)
    .set(
      result.outcome === "not_found"
        ? {
            ...common,
            status: "failed",
            failureCategory: null,
            errorCode: result.code ?? "NOT_FOUND",
            errorMessage: result.merchantMessage,
            lastCheckedAt: now,
          }
        : {
            ...common,
            status: "failed",
            failureCategory: result.outcome,
            errorCode: result.code,
            errorMessage: result.merchantMessage,
            customerMessage: result.customerMessage,
          },
    )
    .where(live)
    .returning();
  if (!attempt) return null;
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
  return settled(
    attempt,
    await SETTLE_HOOKS[attempt.purpose](tx, { sub, plan, attempt, now, failure: result }),
  );
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
      errorMessage: sql`'The provider reports ' || ${reportedAmount}::text || ' KRW approved under this order id, not the ' || ${chargeAttempts.amount}::text || ' KRW we asked; check it with the provider before refunding or charging again.'`,
      lastCheckedAt: now,
      checkCount: sql`${chargeAttempts.checkCount} + 1`,
    })
    .where(and(live, ne(chargeAttempts.amount, reportedAmount)))
    .returning();
  return attempt;
}
