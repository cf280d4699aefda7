"use client";

import { AuthForm, useAuthForm } from "@/components/auth/auth-form";
import { AuthLink } from "@/components/auth/auth-link";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { NewPasswordFields } from "./new-password-fields";

type ResetPasswordFormState = FormResult<"password" | "passwordConfirm"> & {
  signInInstead?: boolean;
};

const FIELD_ORDER = ["password", "passwordConfirm"];

/** /reset-password: the account's address (read-only, for password managers) and a new password. */
export function ResetPasswordForm({
  action,
  email,
  token,
}: {
  action: FormAction<ResetPasswordFormState>;
  email: string;
  token: string;
}) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  if (state.signInInstead) {
    return (
      <Alert tone="success" title="비밀번호를 바꿨어요">
        새 비밀번호로 <AuthLink href="/sign-in">로그인</AuthLink>해 주세요.
      </Alert>
    );
  }
  return (
    <AuthForm {...frame} hidden={{ token }} submitLabel="비밀번호 바꾸기" loadingLabel="바꾸는 중">
      <Field
        label="이메일"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        readOnly
      />
      <NewPasswordFields errors={state.fieldErrors} />
    </AuthForm>
  );
}
