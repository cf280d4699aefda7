import type { Plan, Subscription } from "@/lib/db/schema";
import { CONSENT_WINDOW_MS, type Consent } from "./consent-requests";

// Whether a subscriber must be asked now (the cron's consent step and the transactions that
// start or change a trial). The candidate queries in request-due-consents.ts prefilter with the
// same rules in SQL for speed; these decide, on the locked row.

function sameInstant(a: Date | null, b: Date | null): boolean {
  return a !== null && b !== null && a.getTime() === b.getTime();
}

/** Whether `sub` should be asked now to consent to `plan`'s higher price for its next renewal. */
export function needsPriceRequest(sub: Subscription, plan: Plan, existing: Consent[], now: Date) {
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

export function needsTrialRequest(sub: Subscription, existing: Consent[], now: Date) {
  if (sub.status !== "trialing" || sub.cancelAtPeriodEnd || !sub.trialEnd) return false;
  const end = sub.trialEnd.getTime();
  if (end <= now.getTime() || end - now.getTime() > CONSENT_WINDOW_MS) return false;
  return !existing.some(
    (c) =>
      (c.status === "accepted" && c.newAmount >= sub.priceAmount) ||
      (c.newAmount === sub.priceAmount && sameInstant(c.effectiveAt, sub.trialEnd)),
  );
}
