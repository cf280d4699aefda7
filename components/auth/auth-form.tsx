"use client";

import { useActionState, type FormEvent, type ReactNode, type RefObject } from "react";
import { Field, type FieldProps } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";
import { FormAlert } from "./form-alert";
import { useFocusFirstError } from "./use-focus-first-error";

/** What every auth form takes from its page: its server action and where to go afterwards. */
export type AuthFormProps<State extends FormResult<string>> = {
  action: FormAction<State>;
  callbackUrl: string;
};

/**
 * An auth form's state (useActionState over its server action) and the props its AuthForm
 * takes from it: the action, the ref that moves focus to the first invalid field (in `order`)
 * after a refused submit, and the form's message.
 */
export function useAuthForm<State extends FormResult<string>>(
  action: FormAction<State>,
  order: readonly string[],
) {
  const [state, formAction] = useActionState<State, FormData>(action, IDLE as Awaited<State>);
  const formRef = useFocusFirstError(state.fieldErrors, order);
  return { state, frame: { formRef, action: formAction, message: state.message } };
}

/**
 * The frame of every email/password form on the auth pages: hidden fields (callbackUrl, token),
 * the server's message on top, the fields, and one full-width submit button.
 */
export function AuthForm({
  formRef,
  action,
  hidden,
  message,
  submitLabel,
  loadingLabel,
  onSubmit,
  children,
}: {
  formRef: RefObject<HTMLFormElement | null>;
  action: (formData: FormData) => void;
  /** Runs first; preventDefault() keeps the form as typed and skips the action. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  hidden: Record<string, string>;
  message: string | undefined;
  submitLabel: string;
  loadingLabel: string;
  children: ReactNode;
}) {
  return (
    // noValidate: the server's Korean messages, next to each field, replace the browser's
    // bubbles, which differ per browser and vanish on their own.
    <form ref={formRef} action={action} onSubmit={onSubmit} noValidate className="space-y-5">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <FormAlert message={message} />
      {children}
      <SubmitButton fullWidth size="lg" loadingLabel={loadingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}

/** The required password input; sign-up passes its length rule, the others the current password. */
export function PasswordField(
  props: Omit<FieldProps, "label" | "name" | "type" | "required"> & {
    autoComplete: "current-password" | "new-password";
  },
) {
  return <Field label="비밀번호" name="password" type="password" required {...props} />;
}
