import {
  decideRenewalPrice,
  type ConsentFact,
  type PlanPrice,
  type ScheduledPlanChange,
} from "@/lib/billing/decide-renewal-price";
import { decideTrialConversion } from "@/lib/billing/decide-trial-conversion";
import type { MerchantSettings, Plan, Subscription } from "@/lib/db/schema";

// What the customer's page says about the coming renewal: the engine's own decisions
// (decideRenewalPrice, decideTrialConversion) on today's facts, so the page never promises a
// charge the engine will not make, or hides one it will. If the customer answers a consent
// request or changes their plan, the facts change and so does the page.

export type NextRenewal =
  | {
      kind: "charge";
      at: Date;
      amount: number; // KRW, what the renewal charges
      // The plan renewed when a scheduled change takes effect at this renewal, else null.
      newPlanName: string | null;
      // An open price-rise request: unanswered, the old price is kept (renew_at_old_price).
      note: "price_rise_asked" | null;
    }
  | {
      kind: "ends";
      at: Date;
      reason: "trial_not_converted" | "price_rise_declined" | "price_rise_unanswered";
      // What the renewal would charge if the customer accepts the open request; null if
      // there is nothing left to answer.
      ifAccepted: number | null;
    }
  // Due, but no usable payment method: the engine charges nothing and asks for a new one.
  | { kind: "no_method"; at: Date; amount: number }
  | { kind: "none" };

export type ConsentForPreview = ConsentFact & {
  kind: "price_increase" | "trial_conversion";
  subscriptionId: string | null;
  // False once the date has passed or the request expired (listConsentsForUser).
  answerable: boolean;
};

export type RenewalPreviewFacts = {
  subscription: Pick<
    Subscription,
    | "id"
    | "status"
    | "cancelAtPeriodEnd"
    | "nextChargeAt"
    | "priceAmount"
    | "priceAmountTaxFree"
    | "trialEnd"
    | "currentPeriodEnd"
  >;
  plan: PlanPrice & Pick<Plan, "name">;
  scheduledChange: (ScheduledPlanChange & { plan: PlanPrice & Pick<Plan, "name"> }) | null;
  consents: readonly ConsentForPreview[]; // newest first, as listConsentsForUser returns them
  fallbackPolicy: MerchantSettings["consentFallbackPolicy"];
  // The subscription's payment method is active (has a billing key).
  methodUsable: boolean;
};

export function describeNextRenewal(facts: RenewalPreviewFacts): NextRenewal {
  const { subscription: sub } = facts;
  const at = sub.nextChargeAt;
  if (sub.cancelAtPeriodEnd || !at || (sub.status !== "active" && sub.status !== "trialing")) {
    return { kind: "none" };
  }
  const mine = (kind: ConsentForPreview["kind"]) =>
    facts.consents.filter((c) => c.kind === kind && c.subscriptionId === sub.id);

  if (sub.status === "trialing") {
    const trialConsents = mine("trial_conversion");
    const decision = decideTrialConversion({ subscription: sub, trialConsents });
    if (decision.action === "end") {
      const open = trialConsents[0]?.answerable ?? false;
      return {
        kind: "ends",
        at: sub.trialEnd ?? at,
        reason: "trial_not_converted",
        ifAccepted: open ? sub.priceAmount : null,
      };
    }
    return facts.methodUsable
      ? { kind: "charge", at, amount: decision.amount, newPlanName: null, note: null }
      : { kind: "no_method", at, amount: decision.amount };
  }

  const priceConsents = mine("price_increase");
  const decision = decideRenewalPrice(
    {
      subscription: sub,
      plan: facts.plan,
      scheduledChange: facts.scheduledChange,
      priceConsents,
      fallbackPolicy: facts.fallbackPolicy,
    },
    // The renewal is decided when the period ends.
    sub.currentPeriodEnd ?? at,
  );
  const asked = priceConsents.find((c) => c.id === decision.consentId);
  if (decision.action === "end") {
    return {
      kind: "ends",
      at,
      reason: decision.consent === "declined" ? "price_rise_declined" : "price_rise_unanswered",
      ifAccepted: asked?.answerable ? asked.newAmount : null,
    };
  }
  if (!facts.methodUsable) return { kind: "no_method", at, amount: decision.amount };
  return {
    kind: "charge",
    at,
    amount: decision.amount,
    newPlanName:
      facts.scheduledChange && decision.planId === facts.scheduledChange.plan.id
        ? facts.scheduledChange.plan.name
        : null,
    note:
      decision.keptBecause === "no_answer" && asked?.status === "requested"
        ? "price_rise_asked"
        : null,
  };
}
