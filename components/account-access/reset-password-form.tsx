"use client";

import { AuthLink } from "@/components/auth/auth-link";
import { FormAlert } from "@/components/auth/form-alert";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { NewPasswordFields } from "./new-password-fields";
import { useKeptForm } from "./use-kept-form";

type ResetPasswordFormState = FormResult<"password" | "passwordConfirm"> & {
  signInInstead?: boolean;
};

const FIELD_ORDER = ["password", "passwordConfirm"];

/**
 * /reset-password: the account's address (read-only, for password managers) and a new password.
 * A refused submit keeps both passwords as typed (useKeptForm).
 */
export function ResetPasswordForm({
  action,
  email,
  token,
}: {
  action: FormAction<ResetPasswordFormState>;
  email: string;
  token: string;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, FIELD_ORDER);

  if (state.signInInstead) {
    return (
      <Alert tone="success" title="비밀번호를 바꿨어요">
        새 비밀번호로 <AuthLink href="/sign-in">로그인</AuthLink>해 주세요.
      </Alert>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <FormAlert message={state.message} />
      <Field
        label="이메일"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        readOnly
      />
      <NewPasswordFields errors={state.fieldErrors} />
      <Button type="submit" size="lg" fullWidth loading={pending} loadingLabel="바꾸는 중">
        비밀번호 바꾸기
      </Button>
    </form>
  );
}
