"use client";

import { Field } from "@/components/ui/field";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { AuthForm, PasswordField, useAuthForm } from "./auth-form";

type VerifyEmailFormState = FormResult<"password">;

const FIELD_ORDER = ["password"];

/** /verify-email for a password account: the address (read-only) and its password. */
export function VerifyEmailForm({
  action,
  email,
  token,
  callbackUrl,
}: {
  action: FormAction<VerifyEmailFormState>;
  email: string;
  token: string;
  callbackUrl: string;
}) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  return (
    <AuthForm
      {...frame}
      hidden={{ token, callbackUrl }}
      submitLabel="이메일 확인하고 로그인"
      loadingLabel="확인 중"
    >
      <Field
        label="이메일"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        readOnly
      />
      <PasswordField autoComplete="current-password" error={state.fieldErrors?.password} />
    </AuthForm>
  );
}
