"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import type { FormResult } from "@/lib/forms/form-result";
import { consentField, parseConsentForm } from "@/components/payment-methods/consent-field";
import { requireAgreedUser } from "@/lib/auth/require-agreed-user";
import { AppError, userMessageOf } from "@/lib/errors";
import { methodChoiceField } from "@/components/payment-methods/method-choices";
import { chooseProvider } from "@/lib/payment-methods/choose-provider";
import { startCheckout } from "@/lib/subscriptions/start-checkout";

const schema = z.object({
  planSlug: z.string().min(1).max(100),
  // The provider, and the kind where it registers several (method-choices.ts).
  choice: methodChoiceField.optional(),
  consent: consentField,
  // The agreement's words as the page showed them (checkout-consent.ts compares them).
  consentText: z.string().max(2000).optional(),
});

/** 결제수단 등록: records the consent and the registration, then the waiting page. */
export async function startSubscription(
  _previous: FormResult,
  formData: FormData,
): Promise<FormResult> {
  const slug = formData.get("planSlug");
  const user = await requireAgreedUser({
    callbackUrl: typeof slug === "string" ? `/subscribe/${encodeURIComponent(slug)}` : "/pricing",
  });
  const parsed = parseConsentForm(schema, formData, "요금제를 다시 골라 주세요.");
  if (!parsed.ok) return parsed.result;

  let methodId: string;
  try {
    const { method } = await startCheckout({
      userId: user.id,
      planSlug: parsed.data.planSlug,
      provider: await chooseProvider(parsed.data.choice?.provider),
      method: parsed.data.choice?.method,
      consentText: parsed.data.consentText,
    });
    methodId = method.id;
  } catch (error) {
    if (!(error instanceof AppError)) console.error("[subscribe] startCheckout failed", error);
    return { status: "error", message: userMessageOf(error) };
  }
  redirect(`/payment-methods/${methodId}`);
}
