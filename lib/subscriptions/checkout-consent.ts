import type { Executor } from "@/lib/db/client";
import {
  recurringConsentWording,
  type ConsentPlanTerms,
  type RecurringConsentWording,
} from "@/lib/billing/recurring-consent-wording";
import { accountHadTrial } from "@/lib/billing/trial-eligibility";
import { methodPhrase } from "@/lib/payments/method-phrase";
import type { ProviderName, RegistrationMethod } from "@/lib/payments/types";

export type CheckoutConsent = RecurringConsentWording & {
  // The trial this customer is offered: the plan's, or 0 when they already had one.
  trialDays: number;
  // The plan has a trial this customer does not get (one per account).
  trialRefused: boolean;
};

/**
 * The recurring-payment agreement of a checkout, for this customer, plan and chosen method,
 * now. The subscribe page shows it; startCheckout builds it again from the same facts and
 * refuses a form that sent other words, so the stored consent is the text on the screen.
 *
 * The per-instrument trial rule cannot be known here (the card is reported only after the
 * provider issued its key): when it refuses the trial, nothing is charged until the customer
 * agrees to the paid start (activate-method.ts, confirm-paid-start.ts).
 */
export async function checkoutConsent(
  executor: Executor,
  input: {
    userId: string;
    plan: ConsentPlanTerms;
    provider: ProviderName;
    method?: RegistrationMethod | undefined;
    now: Date;
  },
): Promise<CheckoutConsent> {
  const trialRefused = input.plan.trialDays > 0 && (await accountHadTrial(executor, input.userId));
  const trialDays = trialRefused ? 0 : input.plan.trialDays;
  const wording = recurringConsentWording({
    plan: input.plan,
    trialDays,
    methodPhrase: methodPhrase(input.provider, input.method),
    now: input.now,
  });
  return { ...wording, trialDays, trialRefused };
}

/** The agreement for every choice the page offers, keyed by the choice's form value. */
export async function checkoutConsentByChoice(
  executor: Executor,
  input: {
    userId: string;
    plan: ConsentPlanTerms;
    choices: readonly {
      value: string;
      provider: ProviderName;
      method: RegistrationMethod | undefined;
    }[];
    now: Date;
  },
): Promise<{ byChoice: Record<string, string>; first: CheckoutConsent | null }> {
  const byChoice: Record<string, string> = {};
  let first: CheckoutConsent | null = null;
  for (const choice of input.choices) {
    const consent = await checkoutConsent(executor, { ...input, ...choice });
    byChoice[choice.value] = consent.text;
    first ??= consent;
  }
  return { byChoice, first };
}
