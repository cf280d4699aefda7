import type { Subscription } from "@/lib/db/schema";
import type { ConsentFact } from "./decide-renewal-price";

// Whether a trial turns paid at its end, decided from facts alone: the billing run applies it
// at trial end, the customer's page shows it beforehand. The rule (docs/billing.md "Korean law"):
// only an accepted trial-conversion consent covering the price converts the trial; without one
// by trial end the subscription ends and nothing is charged, whatever the merchant's policy.

export type TrialConversionFacts = {
  subscription: Pick<Subscription, "priceAmount" | "priceAmountTaxFree">;
  trialConsents: readonly ConsentFact[]; // trial_conversion requests, newest first
};

export type TrialConversionDecision =
  | { action: "convert"; amount: number; amountTaxFree: number; consentId: string }
  | {
      action: "end";
      // The latest request's state, or not_asked (recorded with the ending).
      consent: ConsentFact["status"] | "not_asked";
      consentId: string | null;
    };

export function decideTrialConversion(facts: TrialConversionFacts): TrialConversionDecision {
  const { subscription: sub, trialConsents } = facts;
  const accepted = trialConsents.find(
    (c) => c.status === "accepted" && c.newAmount >= sub.priceAmount,
  );
  if (accepted) {
    return {
      action: "convert",
      amount: sub.priceAmount,
      amountTaxFree: sub.priceAmountTaxFree,
      consentId: accepted.id,
    };
  }
  const latest = trialConsents[0];
  return { action: "end", consent: latest?.status ?? "not_asked", consentId: latest?.id ?? null };
}
