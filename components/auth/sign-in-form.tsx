"use client";

import { useActionState } from "react";
import { IDLE, type FormResult } from "@/lib/forms/form-result";
import { AuthForm, PasswordField, useAuthFrame } from "./auth-form";
import { EmailField } from "./email-field";

type SignInFormState = FormResult<"email" | "password">;

const FIELD_ORDER = ["email", "password"];

export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (state: SignInFormState, formData: FormData) => Promise<SignInFormState>;
  callbackUrl: string;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const frame = useAuthFrame(state, formAction, FIELD_ORDER);

  return (
    <AuthForm {...frame} hidden={{ callbackUrl }} submitLabel="로그인" loadingLabel="로그인 중">
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <PasswordField autoComplete="current-password" error={state.fieldErrors?.password} />
    </AuthForm>
  );
}
