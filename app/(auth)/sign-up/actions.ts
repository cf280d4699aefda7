"use server";

import { headers } from "next/headers";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIpFrom } from "@/lib/auth/client-ip";
import type { SignUpFormState } from "@/lib/auth/form-state";
import { failed, fieldErrorsOf, textValue } from "@/lib/forms/form-result";
import { signUpSchema, signUpWithPassword as startSignUp } from "@/lib/auth/sign-up";
import { getEnv } from "@/lib/env";

export async function signUpWithPassword(
  _previous: SignUpFormState,
  formData: FormData,
): Promise<SignUpFormState> {
  const values = { email: textValue(formData, "email"), name: textValue(formData, "name") };
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);

  const result = await startSignUp({
    ...parsed.data,
    clientIp: clientIpFrom(await headers()),
    callbackUrl: safeCallbackUrl(formData.get("callbackUrl")),
  });
  if (!result.ok) {
    return failed("가입 요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {}, values);
  }
  // The same screen whether or not the address already had an account (see signUpWithPassword).
  return {
    status: "success",
    sent: {
      email: result.email,
      // Local development without SMTP: the link on screen too, clearly labelled. Never in
      // production, where it would let anyone verify any address they type.
      devVerifyUrl: getEnv().NODE_ENV === "development" ? result.verifyUrl : null,
    },
  };
}
