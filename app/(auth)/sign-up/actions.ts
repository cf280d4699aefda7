"use server";

import { sentMail, type SignUpFormState } from "@/lib/auth/form-state";
import { failed, fieldErrorsOf, textValue } from "@/lib/forms/form-result";
import { signUpSchema, signUpWithPassword as startSignUp } from "@/lib/auth/sign-up";
import { agreementFieldsSchema, readAgreementFields } from "@/lib/legal/agreement-fields";
import { linkRequestFrom } from "../link-request";

export async function signUpWithPassword(
  _previous: SignUpFormState,
  formData: FormData,
): Promise<SignUpFormState> {
  // Everything typed comes back on a refusal, the ticks included (never the password).
  const values = {
    email: textValue(formData, "email"),
    name: textValue(formData, "name"),
    agreeTerms: textValue(formData, "agreeTerms"),
    agreePrivacy: textValue(formData, "agreePrivacy"),
    agreeMarketing: textValue(formData, "agreeMarketing"),
  };
  const fields = Object.fromEntries(formData);
  const parsed = signUpSchema.safeParse(fields);
  const ticks = agreementFieldsSchema.safeParse(fields);
  const agreements = ticks.success ? readAgreementFields(ticks.data) : null;
  if (!parsed.success || !agreements?.ok) {
    return failed(
      undefined,
      {
        ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
        ...(agreements && !agreements.ok ? agreements.fieldErrors : {}),
        ...(ticks.success ? {} : { agreeTerms: "약관 동의를 다시 확인해 주세요." }),
      },
      values,
    );
  }

  const result = await startSignUp({
    ...parsed.data,
    agreements: agreements.answers,
    ...(await linkRequestFrom(formData)),
  });
  if (!result.ok) {
    return failed("가입 요청이 너무 많아요. 잠시 후 다시 시도해 주세요.", {}, values);
  }
  // The same screen whether or not the address already had an account (see signUpWithPassword).
  return { status: "success", sent: sentMail(result.email, result.verifyUrl) };
}
