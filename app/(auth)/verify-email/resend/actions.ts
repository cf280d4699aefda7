"use server";

import { z } from "zod";
import { emailSchema } from "@/lib/auth/email";
import { sentMail, type ResendVerificationFormState } from "@/lib/auth/form-state";
import { failed, fieldErrorsOf, textValue } from "@/lib/forms/form-result";
import { resendEmailVerification } from "@/lib/auth/resend-email-verification";
import { linkRequestFrom } from "../../link-request";

const schema = z.object({ email: emailSchema });

export async function resendVerification(
  _previous: ResendVerificationFormState,
  formData: FormData,
): Promise<ResendVerificationFormState> {
  const values = { email: textValue(formData, "email") };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);

  const result = await resendEmailVerification({
    email: parsed.data.email,
    ...(await linkRequestFrom(formData)),
  });
  if (!result.ok) {
    return failed("요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {}, values);
  }
  // One answer for every address: whether a link went out is said only in the mailbox.
  return { status: "success", values, sent: sentMail(parsed.data.email, result.verifyUrl) };
}
