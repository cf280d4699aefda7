"use client";

import type { FormResult } from "@/lib/forms/form-result";
import { AuthForm, PasswordField, useAuthForm, type AuthFormProps } from "./auth-form";
import { EmailField } from "./email-field";

type SignInFormState = FormResult<"email" | "password">;

const FIELD_ORDER = ["email", "password"];

export function SignInForm({ action, callbackUrl }: AuthFormProps<SignInFormState>) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  return (
    <AuthForm {...frame} hidden={{ callbackUrl }} submitLabel="로그인" loadingLabel="로그인 중">
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <PasswordField autoComplete="current-password" error={state.fieldErrors?.password} />
    </AuthForm>
  );
}
