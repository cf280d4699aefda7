import { z } from "zod";
import type { FormResult } from "@/lib/forms/form-result";

// The checkbox of RecurringConsentForm, as its server actions parse it: ticked sends
// consent=agreed, unticked sends nothing.
export const CONSENT_REQUIRED_MESSAGE = "자동결제 동의에 체크해 주세요.";

export const consentField = z.literal("agreed", { error: CONSENT_REQUIRED_MESSAGE });

/**
 * Parses a registration form: its fields, or the result to hand back — a consent problem at
 * the checkbox, anything else as `otherwise` (a stale or tampered form).
 */
export function parseConsentForm<Schema extends z.ZodType>(
  schema: Schema,
  formData: FormData,
  otherwise: string,
): { ok: true; data: z.output<Schema> } | { ok: false; result: FormResult } {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (parsed.success) return { ok: true, data: parsed.data };
  const consentIssue = parsed.error.issues.find((issue) => issue.path[0] === "consent");
  return {
    ok: false,
    result: consentIssue
      ? { status: "error", fieldErrors: { consent: consentIssue.message } }
      : { status: "error", message: otherwise },
  };
}
