import type { ConsentForCustomer } from "@/lib/billing/consent-queries";
import type { Subscription } from "@/lib/db/schema";

// What the customer's page says about the coming renewal. It follows the engine's consent rules
// (lib/billing/consent.ts, billing.md "consent"), so the page never promises a charge the
// engine will not make, or hides one it will:
// - a trial turns paid only with an accepted trial-conversion consent; otherwise it ends unpaid;
// - a price rise applies only with an accepted consent; a declined or unanswered one keeps the
//   old price or ends the subscription, by the merchant's policy.

export type NextRenewal =
  | {
      kind: "charge";
      at: Date;
      amount: number;
      note: "needs_trial_consent" | "price_rise_asked" | null;
    }
  | { kind: "ends"; at: Date; reason: "trial_not_converted" | "price_rise_declined" }
  | { kind: "none" };

type Consent = Pick<
  ConsentForCustomer,
  "kind" | "status" | "subscriptionId" | "newAmount" | "effectiveAt"
>;

export function describeNextRenewal(
  subscription: Pick<
    Subscription,
    | "id"
    | "status"
    | "cancelAtPeriodEnd"
    | "nextChargeAt"
    | "priceAmount"
    | "trialEnd"
    | "currentPeriodEnd"
  >,
  consents: Consent[], // newest first, as listConsentsForUser returns them
  policy: "renew_at_old_price" | "cancel_at_period_end",
): NextRenewal {
  const { status, nextChargeAt: at } = subscription;
  if (subscription.cancelAtPeriodEnd || !at || (status !== "active" && status !== "trialing")) {
    return { kind: "none" };
  }
  const latest = (kind: Consent["kind"]) =>
    consents.find((c) => c.kind === kind && c.subscriptionId === subscription.id);

  if (status === "trialing") {
    const answer = latest("trial_conversion");
    if (answer?.status === "accepted" && answer.newAmount >= subscription.priceAmount) {
      return { kind: "charge", at, amount: subscription.priceAmount, note: null };
    }
    if (answer?.status === "declined" || answer?.status === "expired") {
      return { kind: "ends", at: subscription.trialEnd ?? at, reason: "trial_not_converted" };
    }
    return { kind: "charge", at, amount: subscription.priceAmount, note: "needs_trial_consent" };
  }

  const rise = latest("price_increase");
  const forThisRenewal =
    rise &&
    rise.newAmount > subscription.priceAmount &&
    rise.effectiveAt !== null &&
    subscription.currentPeriodEnd !== null &&
    rise.effectiveAt.getTime() === subscription.currentPeriodEnd.getTime();
  if (!forThisRenewal) return { kind: "charge", at, amount: subscription.priceAmount, note: null };
  if (rise.status === "accepted") return { kind: "charge", at, amount: rise.newAmount, note: null };
  if (rise.status === "requested") {
    return { kind: "charge", at, amount: subscription.priceAmount, note: "price_rise_asked" };
  }
  return policy === "cancel_at_period_end"
    ? { kind: "ends", at, reason: "price_rise_declined" }
    : { kind: "charge", at, amount: subscription.priceAmount, note: null };
}
