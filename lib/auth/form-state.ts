import { getEnv } from "@/lib/env";
import type { FormResult } from "@/lib/forms/form-result";

/** Where a "check your mail" screen points (the link itself too, in local development). */
type SentMail = { email: string; devVerifyUrl: string | null };

/**
 * The "check your mail" screen for `email`. Local development without SMTP also gets the link on
 * screen, clearly labelled; never production, where it would let anyone verify any address.
 */
export function sentMail(email: string, verifyUrl: string | null): SentMail {
  return { email, devVerifyUrl: getEnv().NODE_ENV === "development" ? verifyUrl : null };
}

/** The sign-up form's state: after a successful submit, the "check your mail" screen instead. */
export type SignUpFormState = FormResult<
  "email" | "password" | "name" | "agreeTerms" | "agreePrivacy" | "agreeMarketing"
> & { sent?: SentMail };

/** "인증 메일 다시 보내기": after a submit, the same "check your mail" answer for any address. */
export type ResendVerificationFormState = FormResult<"email"> & { sent?: SentMail };
