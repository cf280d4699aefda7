import { and, eq, lt, notExists, sql, type Column } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { consents, plans, subscriptions } from "@/lib/db/schema";
import { consentsOf } from "./consent-history";
import { continuingAndDueBetween } from "./continuing-due-between";
import { CONSENT_WINDOW_MS, createConsentRequest, type ConsentKindAsked } from "./consent-requests";
import { needsPriceRequest } from "./needs-consent-request";
import { remindTrialsEnding } from "./remind-trials-ending";
import { requestTrialConversionConsent } from "./request-trial-conversion-consent";

// The consent law (전자상거래법 시행령, 2025-02-14; docs/billing.md "Korean law: consent before a price
// rise or a trial turning paid"): see lib/billing/decide-renewal-price.ts and
// decide-trial-conversion.ts for the rules at the renewal; every request and answer is recorded
// (who, what price, when asked, when answered, how).

async function lockWithPlan(tx: Executor, subscriptionId: string) {
  const [row] = await tx
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.id, subscriptionId))
    .for("update", { of: subscriptions });
  return row ?? null;
}

/**
 * needsPriceRequest / needsTrialRequest's "already covered" rule in SQL, to prefilter the
 * candidates: a consent of `kind` accepted at `amount` or more, or a request for exactly
 * `amount` effective at `effectiveAt` (this renewal or trial end) in any state.
 */
function coveringConsent(kind: ConsentKindAsked, amount: Column, effectiveAt: Column) {
  return db()
    .select({ one: sql`1` })
    .from(consents)
    .where(
      and(
        eq(consents.subscriptionId, subscriptions.id),
        eq(consents.kind, kind),
        sql`((${consents.status} = 'accepted' and ${consents.newAmount} >= ${amount})
          or (${consents.newAmount} = ${amount} and ${consents.effectiveAt} = ${effectiveAt}))`,
      ),
    );
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
        continuingAndDueBetween("active", subscriptions.currentPeriodEnd, now, horizon),
        lt(subscriptions.priceAmount, plans.amount),
        planFilter,
        notExists(coveringConsent("price_increase", plans.amount, subscriptions.currentPeriodEnd)),
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
        continuingAndDueBetween("trialing", subscriptions.trialEnd, now, horizon),
        planFilter,
        notExists(
          coveringConsent("trial_conversion", subscriptions.priceAmount, subscriptions.trialEnd),
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
