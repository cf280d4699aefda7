import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import {
  plans,
  subscriptionEvents,
  type Subscription,
  type SubscriptionEventType,
} from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { consentFact, consentsOf } from "./consent-history";
import { expireOpenRequest } from "./consent-requests";
import { decideRenewalPrice } from "./decide-renewal-price";
import { endSubscription } from "./end-subscription";
import { updateSubscription } from "./update-subscription";

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
 * Applies the consent rules to the renewal that is due (now ≥ current_period_end), as
 * decideRenewalPrice decides them: an accepted consent moves the subscriber to the new price;
 * without one the old price is kept or, under the merchant's cancel policy, the subscription
 * ends. Call it in the transaction that reserves the renewal charge, with the subscription row
 * locked, after applyPendingPlanChange. Safe to call again for the same renewal (dunning retries).
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

  const [history, settings] = await Promise.all([
    consentsOf(tx, sub.id, "price_increase"),
    loadMerchantSettings(tx),
  ]);
  const decision = decideRenewalPrice(
    {
      subscription: sub,
      plan,
      scheduledChange: null,
      priceConsents: history.map(consentFact),
      fallbackPolicy: settings.consentFallbackPolicy,
    },
    now,
  );
  const renewalAt = sub.currentPeriodEnd.toISOString();

  if (decision.action === "charge" && decision.basis === "consented" && decision.consentId) {
    const updated = await updateSubscription(
      tx,
      sub,
      { priceAmount: decision.amount, priceAmountTaxFree: decision.amountTaxFree },
      now,
    );
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type: "price_change_applied",
      actor: "system",
      data: {
        consentId: decision.consentId,
        oldAmount: sub.priceAmount,
        newAmount: decision.amount,
        renewalAt,
      },
      createdAt: now,
    });
    return {
      action: "charge",
      subscription: updated,
      basis: "consented",
      consentId: decision.consentId,
    };
  }

  // No consent by the renewal: the open request (if any) is over.
  await expireOpenRequest(tx, sub.id, "price_increase", "no_answer_by_renewal", now);
  if (decision.action === "end") {
    const ended = await endSubscription(tx, sub, {
      planName: plan.name,
      reason: "price_consent_missing",
      now,
      details: { consentId: decision.consentId, consent: decision.consent },
    });
    return { action: "end", subscription: ended, consentId: decision.consentId };
  }
  if (decision.keptBecause === "not_asked") {
    // Never asked for this renewal (the rise came too late for a request to go out): the law
    // only allows the old price, whatever the policy.
    await recordOnce(tx, sub, "renewal_price_kept", { reason: "not_asked", renewalAt }, now);
  } else {
    await recordOnce(
      tx,
      sub,
      "renewal_price_kept",
      {
        reason: decision.keptBecause,
        consentId: decision.consentId,
        amount: sub.priceAmount,
        renewalAt,
      },
      now,
    );
  }
  return {
    action: "charge",
    subscription: sub,
    basis: "kept_without_consent",
    consentId: decision.consentId,
  };
}
