"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { clientIpFrom } from "@/lib/auth/client-ip";
import { emailSchema } from "@/lib/auth/email";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { failed, fieldErrorsOf, textValue, type FormResult } from "@/lib/forms/form-result";

export type ForgotPasswordFormState = FormResult<"email"> & { sentTo?: string };

const schema = z.object({ email: emailSchema });

export async function forgotPassword(
  _previous: ForgotPasswordFormState,
  formData: FormData,
): Promise<ForgotPasswordFormState> {
  const values = { email: textValue(formData, "email") };
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);
  const result = await requestPasswordReset({
    email: parsed.data.email,
    clientIp: clientIpFrom(await headers()),
  });
  if (!result.ok) return failed("요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {}, values);
  // One answer for every address: whether a link went out is said only in the mailbox.
  return { status: "success", values, sentTo: parsed.data.email };
}
