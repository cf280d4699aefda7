"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { NewPasswordFields } from "./new-password-fields";
import { useKeptForm } from "./use-kept-form";

type State = FormResult<"currentPassword" | "password" | "passwordConfirm">;

const FIELD_ORDER = ["currentPassword", "password", "passwordConfirm"];

export function ChangePasswordForm({
  action,
  email,
}: {
  action: FormAction<State>;
  email: string;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, FIELD_ORDER);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      {/* For password managers: which account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <FormResultAlert state={state} />
      <Field
        label="현재 비밀번호"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.currentPassword}
      />
      <NewPasswordFields errors={state.fieldErrors} />
      <Button type="submit" loading={pending} loadingLabel="바꾸는 중">
        비밀번호 바꾸기
      </Button>
    </form>
  );
}
