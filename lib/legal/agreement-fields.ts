import { z } from "zod";
import type { RequiredAgreement } from "./document-kinds";
import {
  PRIVACY_REQUIRED_MESSAGE,
  TERMS_REQUIRED_MESSAGE,
  type AgreementFieldErrors,
} from "./agreement-messages";

// The consent checkboxes of the sign-up form and the consent step, as the server parses them:
// a ticked box sends "agreed", an unticked one sends nothing.

const ticked = z.literal("agreed");

export const agreementFieldsSchema = z.object({
  agreeTerms: ticked.optional(),
  agreePrivacy: ticked.optional(),
  agreeMarketing: ticked.optional(),
});

/**
 * The answers, or what to say next to each required box that was left unticked. `asked` are the
 * required documents the form showed: both at sign-up, only the changed ones on the consent step.
 */
export function readAgreementFields(
  input: z.output<typeof agreementFieldsSchema>,
  asked: readonly RequiredAgreement[] = ["terms", "privacy"],
):
  | { ok: true; answers: { terms?: true; privacy?: true; marketing: boolean } }
  | { ok: false; fieldErrors: AgreementFieldErrors } {
  const fieldErrors: AgreementFieldErrors = {};
  const askedTerms = asked.includes("terms");
  const askedPrivacy = asked.includes("privacy");
  if (askedTerms && !input.agreeTerms) fieldErrors.agreeTerms = TERMS_REQUIRED_MESSAGE;
  if (askedPrivacy && !input.agreePrivacy) fieldErrors.agreePrivacy = PRIVACY_REQUIRED_MESSAGE;
  if (fieldErrors.agreeTerms || fieldErrors.agreePrivacy) return { ok: false, fieldErrors };
  return {
    ok: true,
    answers: {
      ...(askedTerms ? { terms: true as const } : {}),
      ...(askedPrivacy ? { privacy: true as const } : {}),
      marketing: input.agreeMarketing === "agreed",
    },
  };
}
