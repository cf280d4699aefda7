import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { plans, type Subscription } from "@/lib/db/schema";
import { consentsOf } from "./consent-history";
import { createConsentRequest, type Consent } from "./consent-requests";
import { needsTrialRequest } from "./needs-consent-request";

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
