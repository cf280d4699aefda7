import type { Executor } from "@/lib/db/client";
import type { Subscription } from "@/lib/db/schema";
import { planNameFor } from "@/lib/plans/queries";
import { consentFact, consentsOf } from "./consent-history";
import { expireOpenRequest } from "./consent-requests";
import { decideTrialConversion } from "./decide-trial-conversion";
import { endSubscription } from "./end-subscription";

export type TrialDecision =
  | { convert: true; reason: "not_trialing" | "consented"; subscription: Subscription }
  | { convert: false; reason: "not_due"; subscription: Subscription }
  | { convert: false; reason: "no_consent"; subscription: Subscription };

/**
 * At trial end, before the first charge of a trialing subscription, applies
 * decideTrialConversion: convert with an accepted consent covering the price; without one the
 * subscription ends now and nothing is charged (the subscription_ended notification is queued).
 * Call it in the transaction that reserves the charge, with the row locked.
 */
export async function mayConvertTrial(
  tx: Executor,
  sub: Subscription,
  now: Date,
): Promise<TrialDecision> {
  if (sub.status !== "trialing") {
    return { convert: true, reason: "not_trialing", subscription: sub };
  }
  if (sub.trialEnd && now < sub.trialEnd) {
    return { convert: false, reason: "not_due", subscription: sub };
  }
  const history = await consentsOf(tx, sub.id, "trial_conversion");
  const decision = decideTrialConversion({
    subscription: sub,
    trialConsents: history.map(consentFact),
  });
  if (decision.action === "convert") {
    return { convert: true, reason: "consented", subscription: sub };
  }
  await expireOpenRequest(tx, sub.id, "trial_conversion", "no_answer_by_trial_end", now);
  const ended = await endSubscription(tx, sub, {
    planName: await planNameFor(tx, sub.planId),
    reason: "trial_not_converted",
    now,
    details: { consent: decision.consent, consentId: decision.consentId },
  });
  return { convert: false, reason: "no_consent", subscription: ended };
}
