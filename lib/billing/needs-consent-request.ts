import type { Plan, Subscription } from "@/lib/db/schema";
import { CONSENT_WINDOW_MS, type Consent } from "./consent-requests";

// Whether a subscriber must be asked now (the cron's consent step and the transactions that
// start or change a trial). The candidate queries in request-due-consents.ts prefilter with the
// same rules in SQL for speed; these decide, on the locked row.

function sameInstant(a: Date | null, b: Date): boolean {
  return a !== null && a.getTime() === b.getTime();
}

/** Whether `at` (the renewal, or the trial's end) is still ahead and inside the consent window. */
function insideConsentWindow(at: Date, now: Date): boolean {
  const ahead = at.getTime() - now.getTime();
  return ahead > 0 && ahead <= CONSENT_WINDOW_MS;
}

/**
 * Whether the subscriber has already answered for `amount` (accepted it or more) or was already
 * asked for exactly `amount` at `at`: then there is nothing new to ask.
 */
function alreadyCovered(existing: Consent[], amount: number, at: Date): boolean {
  return existing.some(
    (c) =>
      (c.status === "accepted" && c.newAmount >= amount) ||
      (c.newAmount === amount && sameInstant(c.effectiveAt, at)),
  );
}

/** Whether `sub` should be asked now to consent to `plan`'s higher price for its next renewal. */
export function needsPriceRequest(sub: Subscription, plan: Plan, existing: Consent[], now: Date) {
  if (sub.status !== "active" || sub.cancelAtPeriodEnd) return false;
  if (sub.priceAmount >= plan.amount || !sub.currentPeriodEnd) return false;
  return (
    insideConsentWindow(sub.currentPeriodEnd, now) &&
    !alreadyCovered(existing, plan.amount, sub.currentPeriodEnd)
  );
}

/** Whether a trialing `sub` should be asked now to consent to being charged when the trial ends. */
export function needsTrialRequest(sub: Subscription, existing: Consent[], now: Date) {
  if (sub.status !== "trialing" || sub.cancelAtPeriodEnd || !sub.trialEnd) return false;
  return (
    insideConsentWindow(sub.trialEnd, now) &&
    !alreadyCovered(existing, sub.priceAmount, sub.trialEnd)
  );
}
