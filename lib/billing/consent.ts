import { and, desc, eq, gt, inArray, lt, lte, ne, notExists, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import {
  auditLog,
  consents,
  notifications,
  planPrices,
  plans,
  subscriptionEvents,
  subscriptions,
  type Plan,
  type Subscription,
  type SubscriptionEventType,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { applyTransition } from "./apply-transition";
import {
  CONSENT_WINDOW_MS,
  createConsentRequest,
  expireOpenRequest,
  type Consent,
} from "./consent-requests";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";

// The consent law (전자상거래법 시행령, 2025-02-14; billing.md "Korean law: consent before a price
// rise or a trial turning paid"):
// - A plan's price rises: existing subscribers keep subscriptions.price_amount. Within the 30 days
//   before their next renewal they are asked to consent to the new price. At the renewal an
//   accepted consent moves them to it; otherwise the merchant's policy applies (default: renew
//   once more at the old price and ask again before the next renewal; or end at period end).
// - A trial ending within 30 days asks for consent to convert. Without it by trial end the
//   subscription ends and nothing is charged.
// - Every request and answer is recorded: who, what price, when asked, when answered, how.

export type { Consent } from "./consent-requests";
export { CONSENT_WINDOW_DAYS, createConsentRequest } from "./consent-requests";

const DAY_MS = 24 * 60 * 60 * 1000;
// The trial_ending reminder goes out this long before the trial ends.
export const TRIAL_REMINDER_DAYS = 3;
const LIVE_STATUSES = ["incomplete", "trialing", "active", "past_due", "unpaid"] as const;

function adminUserIdOf(actor: string): string | null {
  const match = /^admin:(.+)$/.exec(actor);
  return match?.[1] ?? null;
}

// ---------------------------------------------------------------------------------------------
// Price rises (admin plan editor)

/**
 * How many live subscribers pay less than `newAmount` (default: the plan's current price) and
 * so need a consent before they pay it. For the plan editor's "N명에게 동의를 요청해요" line.
 */
export async function countSubscribersAffectedByPriceChange(
  planId: string,
  newAmount?: number,
  executor: Executor = db(),
): Promise<number> {
  const [plan] = await executor.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw new AppError("not_found", `plan ${planId} not found`);
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.planId, planId),
        inArray(subscriptions.status, [...LIVE_STATUSES]),
        lt(subscriptions.priceAmount, newAmount ?? plan.amount),
      ),
    );
  return row?.n ?? 0;
}

export type PriceRaiseResult = {
  plan: Plan;
  // Live subscribers who keep their current price until they consent.
  affectedSubscribers: number;
  // Requests sent at once (renewal within 30 days); the rest go out from the cron run.
  consentsRequested: number;
};

/**
 * Raises a plan's price for new subscribers and records it in plan_prices and the audit log.
 * Existing subscribers keep their price; those renewing within 30 days are asked right away.
 * `actor` is "admin:<userId>".
 */
export async function raisePlanPrice(
  planId: string,
  newAmount: number,
  actor: string,
  options: { newAmountTaxFree?: number; now?: Date } = {},
): Promise<PriceRaiseResult> {
  const now = options.now ?? new Date();
  if (!Number.isSafeInteger(newAmount) || newAmount <= 0) {
    throw new AppError(
      "bad_request",
      `newAmount must be a positive integer KRW, got ${newAmount}`,
      {
        userMessage: "가격은 1원 이상의 정수로 입력해 주세요.",
      },
    );
  }
  const plan = await db().transaction(async (tx) => {
    const [current] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
    if (!current) throw new AppError("not_found", `plan ${planId} not found`);
    if (newAmount <= current.amount) {
      throw new AppError(
        "bad_request",
        `raisePlanPrice needs a price above the current ${current.amount}, got ${newAmount}`,
        { userMessage: "인상할 가격은 현재 가격보다 커야 해요." },
      );
    }
    const amountTaxFree = Math.min(options.newAmountTaxFree ?? current.amountTaxFree, newAmount);
    if (!Number.isSafeInteger(amountTaxFree) || amountTaxFree < 0) {
      throw new AppError("bad_request", `bad tax-free amount ${amountTaxFree}`);
    }
    const [updated] = await tx
      .update(plans)
      .set({ amount: newAmount, amountTaxFree, updatedAt: now })
      .where(eq(plans.id, planId))
      .returning();
    if (!updated) throw new Error(`plan ${planId} vanished`);
    const adminUserId = adminUserIdOf(actor);
    await tx.insert(planPrices).values({
      planId,
      amount: newAmount,
      amountTaxFree,
      effectiveFrom: now,
      createdByUserId: adminUserId,
    });
    await tx.insert(auditLog).values({
      actorUserId: adminUserId,
      action: "plan.price_raised",
      targetType: "plan",
      targetId: planId,
      before: { amount: current.amount, amountTaxFree: current.amountTaxFree },
      after: { amount: newAmount, amountTaxFree, actor },
      createdAt: now,
    });
    return updated;
  });
  const affectedSubscribers = await countSubscribersAffectedByPriceChange(planId);
  const { priceIncrease } = await requestDueConsents(now, { planId });
  return { plan, affectedSubscribers, consentsRequested: priceIncrease };
}

// ---------------------------------------------------------------------------------------------
// Requests (cron run)

async function lockWithPlan(tx: Executor, subscriptionId: string) {
  const [row] = await tx
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.id, subscriptionId))
    .for("update", { of: subscriptions });
  return row ?? null;
}

async function consentsOf(tx: Executor, subscriptionId: string, kind: Consent["kind"]) {
  return tx
    .select()
    .from(consents)
    .where(and(eq(consents.subscriptionId, subscriptionId), eq(consents.kind, kind)))
    .orderBy(desc(consents.requestedAt));
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a !== null && b !== null && a.getTime() === b.getTime();
}

/** Whether `sub` should be asked now to consent to `plan`'s higher price for its next renewal. */
function needsPriceRequest(sub: Subscription, plan: Plan, existing: Consent[], now: Date) {
  if (sub.status !== "active" || sub.cancelAtPeriodEnd) return false;
  if (sub.priceAmount >= plan.amount || !sub.currentPeriodEnd) return false;
  const renewal = sub.currentPeriodEnd.getTime();
  if (renewal <= now.getTime() || renewal - now.getTime() > CONSENT_WINDOW_MS) return false;
  return !existing.some(
    (c) =>
      (c.status === "accepted" && c.newAmount >= plan.amount) ||
      (c.newAmount === plan.amount && sameInstant(c.effectiveAt, sub.currentPeriodEnd)),
  );
}

function needsTrialRequest(sub: Subscription, existing: Consent[], now: Date) {
  if (sub.status !== "trialing" || sub.cancelAtPeriodEnd || !sub.trialEnd) return false;
  const end = sub.trialEnd.getTime();
  if (end <= now.getTime() || end - now.getTime() > CONSENT_WINDOW_MS) return false;
  return !existing.some(
    (c) =>
      (c.status === "accepted" && c.newAmount >= sub.priceAmount) ||
      (c.newAmount === sub.priceAmount && sameInstant(c.effectiveAt, sub.trialEnd)),
  );
}

/**
 * Asks a trialing subscriber to consent to the paid conversion when the trial ends within 30
 * days (so at trial start for a trial of 30 days or less). Call it in the transaction that
 * starts the trial or changes a trialing subscription's plan; the caller holds the row lock.
 * Returns the request, or null when none is needed (not in the window, already asked).
 */
export async function requestTrialConversionConsent(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<Consent | null> {
  const existing = await consentsOf(tx, sub.id, "trial_conversion");
  if (!needsTrialRequest(sub, existing, now) || !sub.trialEnd) return null;
  const [plan] = await tx.select().from(plans).where(eq(plans.id, sub.planId));
  if (!plan) return null;
  return createConsentRequest(tx, {
    sub,
    plan,
    kind: "trial_conversion",
    oldAmount: null,
    newAmount: sub.priceAmount,
    effectiveAt: sub.trialEnd,
    now,
  });
}

export type ConsentRunSummary = {
  priceIncrease: number; // requests created
  trialConversion: number; // requests created
  trialReminders: number; // trial_ending notifications queued
};

/**
 * The cron run's consent step: sends every consent request that has become due (price rises
 * whose subscriber renews within 30 days, trials ending within 30 days) and the trial_ending
 * reminders. Idempotent: running it again for the same moment creates nothing new.
 */
export async function requestDueConsents(
  now: Date = new Date(),
  options: { planId?: string; limit?: number } = {},
): Promise<ConsentRunSummary> {
  const limit = options.limit ?? 500;
  const horizon = new Date(now.getTime() + CONSENT_WINDOW_MS);
  const summary: ConsentRunSummary = { priceIncrease: 0, trialConversion: 0, trialReminders: 0 };
  const planFilter = options.planId ? eq(subscriptions.planId, options.planId) : undefined;

  const priceCandidates = await db()
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(
      and(
        eq(subscriptions.status, "active"),
        eq(subscriptions.cancelAtPeriodEnd, false),
        lt(subscriptions.priceAmount, plans.amount),
        gt(subscriptions.currentPeriodEnd, now),
        lte(subscriptions.currentPeriodEnd, horizon),
        planFilter,
        notExists(
          db()
            .select({ one: sql`1` })
            .from(consents)
            .where(
              and(
                eq(consents.subscriptionId, subscriptions.id),
                eq(consents.kind, "price_increase"),
                sql`((${consents.status} = 'accepted' and ${consents.newAmount} >= ${plans.amount})
                  or (${consents.newAmount} = ${plans.amount}
                      and ${consents.effectiveAt} = ${subscriptions.currentPeriodEnd}))`,
              ),
            ),
        ),
      ),
    )
    .limit(limit);

  for (const { id } of priceCandidates) {
    const created = await db().transaction(async (tx) => {
      const row = await lockWithPlan(tx, id);
      if (!row) return false;
      const existing = await consentsOf(tx, id, "price_increase");
      if (!needsPriceRequest(row.sub, row.plan, existing, now) || !row.sub.currentPeriodEnd) {
        return false;
      }
      await createConsentRequest(tx, {
        sub: row.sub,
        plan: row.plan,
        kind: "price_increase",
        oldAmount: row.sub.priceAmount,
        newAmount: row.plan.amount,
        effectiveAt: row.sub.currentPeriodEnd,
        now,
      });
      return true;
    });
    if (created) summary.priceIncrease += 1;
  }

  const trialCandidates = await db()
    .select({ id: subscriptions.id })
    .from(subscriptions)
    .where(
      and(
        eq(subscriptions.status, "trialing"),
        eq(subscriptions.cancelAtPeriodEnd, false),
        gt(subscriptions.trialEnd, now),
        lte(subscriptions.trialEnd, horizon),
        planFilter,
        notExists(
          db()
            .select({ one: sql`1` })
            .from(consents)
            .where(
              and(
                eq(consents.subscriptionId, subscriptions.id),
                eq(consents.kind, "trial_conversion"),
                sql`((${consents.status} = 'accepted' and ${consents.newAmount} >= ${subscriptions.priceAmount})
                  or (${consents.newAmount} = ${subscriptions.priceAmount}
                      and ${consents.effectiveAt} = ${subscriptions.trialEnd}))`,
              ),
            ),
        ),
      ),
    )
    .limit(limit);

  for (const { id } of trialCandidates) {
    const created = await db().transaction(async (tx) => {
      const row = await lockWithPlan(tx, id);
      return row ? (await requestTrialConversionConsent(tx, row.sub, now)) !== null : false;
    });
    if (created) summary.trialConversion += 1;
  }

  summary.trialReminders = await remindTrialsEnding(now, { planFilter, limit });
  return summary;
}

function trialReminderKey(subscriptionId: string, trialEnd: Date): string {
  return dedupeKeyFor("trial_ending", subscriptionId, trialEnd.getTime());
}

async function remindTrialsEnding(
  now: Date,
  options: { planFilter: ReturnType<typeof eq> | undefined; limit: number },
): Promise<number> {
  const due = await db()
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(
      and(
        eq(subscriptions.status, "trialing"),
        eq(subscriptions.cancelAtPeriodEnd, false),
        gt(subscriptions.trialEnd, now),
        lte(subscriptions.trialEnd, new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS)),
        options.planFilter,
        notExists(
          db()
            .select({ one: sql`1` })
            .from(notifications)
            .where(
              eq(
                notifications.dedupeKey,
                sql`'trial_ending:' || ${subscriptions.id} || ':' || (extract(epoch from ${subscriptions.trialEnd}) * 1000)::bigint`,
              ),
            ),
        ),
      ),
    )
    .limit(options.limit);

  let queued = 0;
  for (const { sub, plan } of due) {
    if (!sub.trialEnd) continue;
    const trialEnd = sub.trialEnd;
    const row = await db().transaction(async (tx) => {
      const accepted = (await consentsOf(tx, sub.id, "trial_conversion")).some(
        (c) => c.status === "accepted" && c.newAmount >= sub.priceAmount,
      );
      return enqueueNotification(tx, {
        kind: "trial_ending",
        data: {
          planName: plan.name,
          trialEnd,
          interval: plan.interval,
          intervalCount: plan.intervalCount,
          amount: sub.priceAmount,
          willConvert: accepted,
        },
        userId: sub.userId,
        subscriptionId: sub.id,
        dedupeKey: trialReminderKey(sub.id, trialEnd),
        now,
      });
    });
    if (row) queued += 1;
  }
  return queued;
}

// ---------------------------------------------------------------------------------------------
// Renewal and trial end (cron run, inside the transaction that reserves the charge)

export type RenewalPrice =
  | {
      action: "charge";
      // The row to charge: subscription.priceAmount / priceAmountTaxFree are the amounts.
      subscription: Subscription;
      basis: "unchanged" | "consented" | "kept_without_consent";
      consentId: string | null;
    }
  | { action: "end"; subscription: Subscription; consentId: string };

async function recordOnce(
  tx: Executor,
  sub: Subscription,
  type: SubscriptionEventType,
  data: Record<string, unknown> & { renewalAt: string },
  now: Date,
) {
  const [existing] = await tx
    .select({ id: subscriptionEvents.id })
    .from(subscriptionEvents)
    .where(
      and(
        eq(subscriptionEvents.subscriptionId, sub.id),
        eq(subscriptionEvents.type, type),
        sql`${subscriptionEvents.data}->>'renewalAt' = ${data.renewalAt}`,
      ),
    )
    .limit(1);
  if (existing) return;
  await tx
    .insert(subscriptionEvents)
    .values({ subscriptionId: sub.id, type, actor: "system", data, createdAt: now });
}

/**
 * The price of the renewal that is due (now ≥ current_period_end), after the consent rules:
 * an accepted consent moves the subscriber to the new price; without one the merchant's policy
 * applies (renew at the old price and ask again, or end the subscription). Call it in the
 * transaction that reserves the renewal charge, with the subscription row locked, after
 * applyPendingPlanChange. Safe to call again for the same renewal (dunning retries).
 */
export async function resolvePriceForRenewal(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<RenewalPrice> {
  const unchanged: RenewalPrice = {
    action: "charge",
    subscription: sub,
    basis: "unchanged",
    consentId: null,
  };
  if (sub.status !== "active" && sub.status !== "past_due") return unchanged;
  if (!sub.currentPeriodEnd || now < sub.currentPeriodEnd) return unchanged;
  const [plan] = await tx.select().from(plans).where(eq(plans.id, sub.planId));
  if (!plan || sub.priceAmount >= plan.amount) return unchanged;

  const renewalAt = sub.currentPeriodEnd.toISOString();
  const history = await consentsOf(tx, sub.id, "price_increase");
  const accepted = history.find(
    (c) =>
      c.status === "accepted" &&
      c.newAmount > sub.priceAmount &&
      c.effectiveAt !== null &&
      c.effectiveAt <= now,
  );
  if (accepted) {
    const newAmount = Math.min(accepted.newAmount, plan.amount);
    const newTaxFree =
      newAmount === plan.amount ? plan.amountTaxFree : Math.min(sub.priceAmountTaxFree, newAmount);
    const [updated] = await tx
      .update(subscriptions)
      .set({ priceAmount: newAmount, priceAmountTaxFree: newTaxFree, updatedAt: now })
      .where(eq(subscriptions.id, sub.id))
      .returning();
    if (!updated) throw new Error(`subscription ${sub.id} vanished`);
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type: "price_change_applied",
      actor: "system",
      data: { consentId: accepted.id, oldAmount: sub.priceAmount, newAmount, renewalAt },
      createdAt: now,
    });
    return { action: "charge", subscription: updated, basis: "consented", consentId: accepted.id };
  }

  // No consent by the renewal: the open request (if any) is over.
  await expireOpenRequest(tx, sub.id, "price_increase", "no_answer_by_renewal", now);
  const asked = history.find(
    (c) => c.newAmount > sub.priceAmount && sameInstant(c.effectiveAt, sub.currentPeriodEnd),
  );
  if (!asked) {
    // Never asked for this renewal (the rise came too late for a request to go out): the law
    // only allows the old price, whatever the policy.
    await recordOnce(tx, sub, "renewal_price_kept", { reason: "not_asked", renewalAt }, now);
    return { ...unchanged, basis: "kept_without_consent" };
  }

  const reason = asked.status === "declined" ? "declined" : "no_answer";
  const { consentFallbackPolicy } = await loadMerchantSettings(tx);
  if (consentFallbackPolicy === "cancel_at_period_end") {
    const ended = await applyTransition(
      tx,
      sub,
      { type: "ended", now, reason: "price_consent_missing" },
      "system",
      { consentId: asked.id, consent: reason },
    );
    await enqueueNotification(tx, {
      kind: "subscription_ended",
      data: { planName: plan.name, reason: "price_consent_missing", endedAt: now },
      userId: sub.userId,
      subscriptionId: sub.id,
      dedupeKey: dedupeKeyFor("subscription_ended", sub.id),
      now,
    });
    return { action: "end", subscription: ended, consentId: asked.id };
  }
  await recordOnce(
    tx,
    sub,
    "renewal_price_kept",
    { reason, consentId: asked.id, amount: sub.priceAmount, renewalAt },
    now,
  );
  return {
    action: "charge",
    subscription: sub,
    basis: "kept_without_consent",
    consentId: asked.id,
  };
}

export type TrialDecision =
  | { convert: true; reason: "not_trialing" | "consented"; subscription: Subscription }
  | { convert: false; reason: "not_due"; subscription: Subscription }
  | { convert: false; reason: "no_consent"; subscription: Subscription };

/**
 * At trial end, before the first charge of a trialing subscription: convert only with an
 * accepted trial_conversion consent covering the price. Without one the subscription ends now
 * and nothing is charged (the subscription_ended notification is queued). Call it in the
 * transaction that reserves the charge, with the row locked.
 */
export async function mayConvertTrial(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<TrialDecision> {
  if (sub.status !== "trialing")
    return { convert: true, reason: "not_trialing", subscription: sub };
  if (sub.trialEnd && now < sub.trialEnd) {
    return { convert: false, reason: "not_due", subscription: sub };
  }
  const history = await consentsOf(tx, sub.id, "trial_conversion");
  if (history.some((c) => c.status === "accepted" && c.newAmount >= sub.priceAmount)) {
    return { convert: true, reason: "consented", subscription: sub };
  }
  await expireOpenRequest(tx, sub.id, "trial_conversion", "no_answer_by_trial_end", now);
  const [plan] = await tx.select().from(plans).where(eq(plans.id, sub.planId));
  const ended = await applyTransition(
    tx,
    sub,
    { type: "ended", now, reason: "trial_not_converted" },
    "system",
    { consent: history[0]?.status ?? "not_asked", consentId: history[0]?.id ?? null },
  );
  await enqueueNotification(tx, {
    kind: "subscription_ended",
    data: { planName: plan?.name ?? "구독", reason: "trial_not_converted", endedAt: now },
    userId: sub.userId,
    subscriptionId: sub.id,
    dedupeKey: dedupeKeyFor("subscription_ended", sub.id),
    now,
  });
  return { convert: false, reason: "no_consent", subscription: ended };
}

// ---------------------------------------------------------------------------------------------
// Customer answers (account page)

export type ConsentResponseInput = {
  consentId: string;
  userId: string;
  accept: boolean;
  ip: string | null;
  userAgent: string | null;
  // "web" (account page), "email", "admin" (recorded on the customer's behalf by support).
  channel?: "web" | "email" | "admin";
  // Recorded in the history; default "customer:<userId>", "admin:<id>" when support records it.
  actor?: string;
  now?: Date;
};

/**
 * Records a customer's answer to a consent request. Before the date of the change the customer
 * may also change their mind: accepting a declined request, or declining an accepted one
 * (withdrawal). Every answer is kept in the subscription's history with its IP and user agent.
 */
export async function respondToConsent(input: ConsentResponseInput): Promise<Consent> {
  const now = input.now ?? new Date();
  const channel = input.channel ?? "web";
  return db().transaction(async (tx) => {
    const [found] = await tx.select().from(consents).where(eq(consents.id, input.consentId));
    if (!found || found.userId !== input.userId || !found.subscriptionId) {
      throw new AppError("not_found", `consent ${input.consentId} not found for this user`, {
        userMessage: "동의 요청을 찾을 수 없어요.",
      });
    }
    if (found.kind === "recurring_billing") {
      throw new AppError("bad_request", "recurring_billing consents are not answered here");
    }
    // Lock order everywhere: subscription first.
    const [sub] = await tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, found.subscriptionId))
      .for("update");
    const [consent] = await tx
      .select()
      .from(consents)
      .where(eq(consents.id, input.consentId))
      .for("update");
    if (!sub || !consent) throw new AppError("not_found", "consent or subscription vanished");

    const target = input.accept ? "accepted" : "declined";
    if (consent.status === target) return consent;
    const over =
      consent.status === "expired" ||
      sub.status === "canceled" ||
      (consent.effectiveAt !== null && consent.effectiveAt <= now);
    if (over) {
      throw new AppError("conflict", `consent ${consent.id} can no longer be answered`, {
        userMessage: "이미 기한이 지난 동의 요청이에요. 화면을 새로고침해 주세요.",
      });
    }

    const [updated] = await tx
      .update(consents)
      .set({
        status: target,
        respondedAt: now,
        responseChannel: channel,
        responseIp: input.ip,
        responseUserAgent: input.userAgent,
      })
      .where(and(eq(consents.id, consent.id), ne(consents.status, "expired")))
      .returning();
    if (!updated) throw new Error(`consent ${consent.id} vanished`);

    const type =
      consent.status === "accepted" && !input.accept
        ? "consent_withdrawn"
        : input.accept
          ? "consent_accepted"
          : "consent_declined";
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type,
      actor: input.actor ?? `customer:${input.userId}`,
      data: {
        consentId: consent.id,
        kind: consent.kind,
        oldAmount: consent.oldAmount,
        newAmount: consent.newAmount,
        effectiveAt: consent.effectiveAt?.toISOString() ?? null,
        requestedAt: consent.requestedAt.toISOString(),
        previousStatus: consent.status,
        channel,
        ip: input.ip,
        userAgent: input.userAgent,
      },
      createdAt: now,
    });
    return updated;
  });
}
