"use client";

import type { ResendVerificationFormState } from "@/lib/auth/form-state";
import { CheckYourMail } from "./check-your-mail";
import { EmailField } from "./email-field";
import { AuthForm, useAuthForm, type AuthFormProps } from "./auth-form";

const FIELD_ORDER = ["email"];

export function ResendVerificationForm({
  action,
  callbackUrl,
}: AuthFormProps<ResendVerificationFormState>) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  if (state.sent) {
    return (
      <CheckYourMail {...state.sent}>
        가입했지만 아직 확인하지 않은 주소라면 새 확인 링크가 들어 있어요. 이전에 받은 링크는 더
        이상 쓸 수 없어요.
      </CheckYourMail>
    );
  }
  return (
    <AuthForm
      {...frame}
      hidden={{ callbackUrl }}
      submitLabel="인증 메일 다시 보내기"
      loadingLabel="보내는 중"
    >
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
    </AuthForm>
  );
}
