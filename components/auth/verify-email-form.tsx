"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { IDLE, type FormResult } from "@/lib/forms/form-result";
import { AuthForm, PasswordField, useAuthFrame } from "./auth-form";

type VerifyEmailFormState = FormResult<"password">;

const FIELD_ORDER = ["password"];

/** /verify-email for a password account: the address (read-only) and its password. */
export function VerifyEmailForm({
  action,
  email,
  token,
  callbackUrl,
}: {
  action: (state: VerifyEmailFormState, formData: FormData) => Promise<VerifyEmailFormState>;
  email: string;
  token: string;
  callbackUrl: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const frame = useAuthFrame(state, formAction, FIELD_ORDER);

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
