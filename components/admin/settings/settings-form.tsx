"use client";

import { useActionState, type ReactNode } from "react";
import { useFocusFirstError } from "@/components/auth/use-focus-first-error";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { initialSettingsFormState, type SettingsFormState } from "./settings-form-state";

export type SettingsAction = (
  state: SettingsFormState,
  formData: FormData,
) => Promise<SettingsFormState>;

/** A settings form's state, its first invalid field focused after a refused submit. */
export function useSettingsForm(action: SettingsAction, order: readonly string[]) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useFocusFirstError(state.fieldErrors, order);
  return { state, formAction, formRef, errors: state.fieldErrors ?? {} };
}

/**
 * The frame of a settings form: the saved message, or the refusal when no field carries its own
 * message, the fields, and the save button.
 */
export function SettingsForm({
  form: { state, formAction, formRef, errors },
  submitLabel,
  children,
}: {
  form: ReturnType<typeof useSettingsForm>;
  submitLabel: string;
  children: ReactNode;
}) {
  const refused = state.status === "error" && Object.keys(errors).length === 0;
  const resultRef = useFocusResult(state, state.status === "success" || refused);
  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
        {refused && <Alert tone="danger">{state.message}</Alert>}
      </div>
      {children}
      <SubmitButton>{submitLabel}</SubmitButton>
    </form>
  );
}
