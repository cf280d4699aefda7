import type { consents, MerchantSettings, Plan, Subscription } from "@/lib/db/schema";

type ConsentStatus = (typeof consents.$inferSelect)["status"];

// What a renewal will charge, decided from facts alone (no database): the billing run applies
// the answer at the renewal, and the customer's page shows it beforehand, so the two cannot
// disagree. The rules (전자상거래법 시행령, 2025-02-14; docs/billing.md "Korean law: consent before a
// price rise or a trial turning paid", "Plan changes"):
// - A scheduled downgrade or shorter interval takes effect at the renewal, at the price agreed
//   when it was scheduled (the target plan's price then), unless the plan is cheaper by now.
// - A plan priced above what the subscriber pays renews at the higher price only with an
//   accepted consent to it. Without one: never asked for this renewal → the old price, whatever
//   the policy (the law allows nothing else); asked and declined or unanswered → the merchant's
//   fallback policy: the old price once more, or the subscription ends.
// - A consent counts for the plan it was asked about: after a plan change, the old plan's
//   answers say nothing about the new one's price.

export type PlanPrice = Pick<Plan, "id" | "amount" | "amountTaxFree">;

export type ConsentFact = {
  id: string;
  status: ConsentStatus;
  planId: string | null;
  newAmount: number; // KRW
  effectiveAt: Date | null;
};

/** A downgrade or interval change scheduled for this renewal, with the price agreed then. */
export type ScheduledPlanChange = {
  plan: PlanPrice;
  agreedAmount: number | null; // KRW; null when the scheduling recorded none
  agreedAmountTaxFree: number | null;
};

export type RenewalPriceFacts = {
  subscription: Pick<Subscription, "priceAmount" | "priceAmountTaxFree" | "currentPeriodEnd">;
  plan: PlanPrice; // the plan subscribed to now
  scheduledChange: ScheduledPlanChange | null;
  priceConsents: readonly ConsentFact[]; // price_increase requests, any order
  fallbackPolicy: MerchantSettings["consentFallbackPolicy"];
};

export type RenewalPriceDecision =
  | {
      action: "charge";
      planId: string; // the plan renewed (the scheduled one when a change applies)
      amount: number; // KRW
      amountTaxFree: number; // KRW
      basis: "unchanged" | "consented" | "kept_without_consent";
      keptBecause: "not_asked" | "declined" | "no_answer" | null;
      consentId: string | null;
    }
  | {
      action: "end";
      planId: string;
      consent: "declined" | "no_answer";
      consentId: string;
    };

/** The price a scheduled change renews at: the agreed one, or the plan's when it is lower now. */
export function scheduledChangePrice(change: ScheduledPlanChange): {
  amount: number;
  amountTaxFree: number;
} {
  const { plan, agreedAmount, agreedAmountTaxFree } = change;
  const useAgreed = agreedAmount !== null && agreedAmount < plan.amount;
  const amount = useAgreed ? agreedAmount : plan.amount;
  const taxFree = useAgreed ? (agreedAmountTaxFree ?? plan.amountTaxFree) : plan.amountTaxFree;
  return { amount, amountTaxFree: Math.min(amount, taxFree) };
}

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a !== null && b !== null && a.getTime() === b.getTime();
}

/**
 * The renewal's plan and price, for a renewal decided at `at` (the billing run's now, at or
 * after current_period_end; the page passes the renewal date itself).
 */
export function decideRenewalPrice(facts: RenewalPriceFacts, at: Date): RenewalPriceDecision {
  const { subscription: sub, scheduledChange } = facts;
  const plan = scheduledChange?.plan ?? facts.plan;
  const { amount, amountTaxFree } = scheduledChange
    ? scheduledChangePrice(scheduledChange)
    : { amount: sub.priceAmount, amountTaxFree: sub.priceAmountTaxFree };
  const charge = (
    basis: "unchanged" | "consented" | "kept_without_consent",
    price: { amount: number; amountTaxFree: number },
    keptBecause: "not_asked" | "declined" | "no_answer" | null = null,
    consentId: string | null = null,
  ): RenewalPriceDecision => ({
    action: "charge",
    planId: plan.id,
    ...price,
    basis,
    keptBecause,
    consentId,
  });

  if (plan.amount <= amount) return charge("unchanged", { amount, amountTaxFree });

  const forThisPlan = facts.priceConsents.filter((c) => c.planId === null || c.planId === plan.id);
  const accepted = forThisPlan.find(
    (c) =>
      c.status === "accepted" &&
      c.newAmount > amount &&
      c.effectiveAt !== null &&
      c.effectiveAt <= at,
  );
  if (accepted) {
    const newAmount = Math.min(accepted.newAmount, plan.amount);
    const newTaxFree =
      newAmount === plan.amount ? plan.amountTaxFree : Math.min(amountTaxFree, newAmount);
    return charge("consented", { amount: newAmount, amountTaxFree: newTaxFree }, null, accepted.id);
  }

  const asked = forThisPlan.find(
    (c) => c.newAmount > amount && sameInstant(c.effectiveAt, sub.currentPeriodEnd),
  );
  if (!asked) return charge("kept_without_consent", { amount, amountTaxFree }, "not_asked");
  const consent = asked.status === "declined" ? "declined" : "no_answer";
  if (facts.fallbackPolicy === "cancel_at_period_end") {
    return { action: "end", planId: plan.id, consent, consentId: asked.id };
  }
  return charge("kept_without_consent", { amount, amountTaxFree }, consent, asked.id);
}
