"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormResult } from "@/lib/forms/form-result";
import { FormAlert } from "./form-alert";
import { useFocusFirstError } from "./use-focus-first-error";

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
  const formRef = useFocusFirstError(state.fieldErrors, FIELD_ORDER);

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      <input type="hidden" name="token" value={token} />
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormAlert message={state.message} />
      <Field
        label="이메일"
        name="email"
        type="email"
        autoComplete="username"
        value={email}
        readOnly
      />
      <Field
        label="비밀번호"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <SubmitButton fullWidth size="lg" loadingLabel="확인 중">
        이메일 확인하고 로그인
      </SubmitButton>
    </form>
  );
}
