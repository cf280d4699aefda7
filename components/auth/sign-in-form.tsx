"use client";

import { useActionState } from "react";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormResult } from "@/lib/forms/form-result";
import { EmailField } from "./email-field";
import { FormAlert } from "./form-alert";
import { useFocusFirstError } from "./use-focus-first-error";

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
  const formRef = useFocusFirstError(state.fieldErrors, FIELD_ORDER);

  return (
    // noValidate: the server's Korean messages, next to each field, replace the browser's
    // bubbles, which differ per browser and vanish on their own.
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <FormAlert message={state.message} />
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <Field
        label="비밀번호"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        error={state.fieldErrors?.password}
      />
      <SubmitButton fullWidth size="lg" loadingLabel="로그인 중">
        로그인
      </SubmitButton>
    </form>
  );
}
