"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { useKeptForm } from "./use-kept-form";

type State = FormResult<"newEmail" | "currentPassword">;

const FIELD_ORDER = ["newEmail", "currentPassword"];

/** The new address, and the current password when the account has one. */
export function ChangeEmailForm({
  action,
  hasPassword,
}: {
  action: FormAction<State>;
  hasPassword: boolean;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, FIELD_ORDER);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormResultAlert state={state} />
      <Field
        label="새 이메일"
        name="newEmail"
        type="email"
        inputMode="email"
        autoComplete="email"
        autoCapitalize="none"
        spellCheck={false}
        required
        defaultValue={state.values?.newEmail}
        error={state.fieldErrors?.newEmail}
      />
      {hasPassword && (
        <Field
          label="현재 비밀번호"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          error={state.fieldErrors?.currentPassword}
        />
      )}
      <Button type="submit" loading={pending} loadingLabel="보내는 중">
        확인 메일 보내기
      </Button>
    </form>
  );
}
