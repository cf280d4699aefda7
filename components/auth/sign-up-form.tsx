"use client";

import { Field } from "@/components/ui/field";
import type { SignUpFormState } from "@/lib/auth/form-state";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import { AuthForm, PasswordField, useAuthForm, type AuthFormProps } from "./auth-form";
import { CheckYourMail } from "./check-your-mail";
import { EmailField } from "./email-field";

const FIELD_ORDER = ["email", "password", "name"];

export function SignUpForm({ action, callbackUrl }: AuthFormProps<SignUpFormState>) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  // The same screen whether or not the address already had an account.
  if (state.sent) {
    return (
      <CheckYourMail {...state.sent}>
        메일의 링크를 눌러 가입을 마쳐 주세요. 링크는 24시간 동안 쓸 수 있어요.
      </CheckYourMail>
    );
  }
  return (
    <AuthForm {...frame} hidden={{ callbackUrl }} submitLabel="가입하기" loadingLabel="가입 중">
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <PasswordField
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        hint={`${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하로 입력해 주세요.`}
        error={state.fieldErrors?.password}
      />
      <Field
        label="이름 (선택)"
        name="name"
        type="text"
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
    </AuthForm>
  );
}
