"use server";

import { sentMail, type SignUpFormState } from "@/lib/auth/form-state";
import { failed, fieldErrorsOf, textValue } from "@/lib/forms/form-result";
import { signUpSchema, signUpWithPassword as startSignUp } from "@/lib/auth/sign-up";
import { linkRequestFrom } from "../link-request";

export async function signUpWithPassword(
  _previous: SignUpFormState,
  formData: FormData,
): Promise<SignUpFormState> {
  const values = { email: textValue(formData, "email"), name: textValue(formData, "name") };
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);

  const result = await startSignUp({ ...parsed.data, ...(await linkRequestFrom(formData)) });
  if (!result.ok) {
    return failed("가입 요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {}, values);
  }
  // The same screen whether or not the address already had an account (see signUpWithPassword).
  return { status: "success", sent: sentMail(result.email, result.verifyUrl) };
}
