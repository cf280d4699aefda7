"use client";

import { startTransition, useActionState, useEffect, type FormEvent } from "react";
import { useFocusFirstError } from "@/components/auth/use-focus-first-error";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";

/**
 * A form whose fields keep what was typed when the server refuses it. A form submitted through
 * its `action` prop is reset by React afterwards, which would empty the password fields (the
 * server never echoes passwords); submitting from onSubmit keeps them, and only a success
 * clears the form.
 */
export function useKeptForm<State extends FormResult<string>>(
  action: FormAction<State>,
  order: readonly string[],
) {
  const [state, formAction, pending] = useActionState<State, FormData>(
    action,
    IDLE as Awaited<State>,
  );
  const formRef = useFocusFirstError(state.fieldErrors, order);
  useEffect(() => {
    if (state.status === "success") formRef.current?.reset();
  }, [state, formRef]);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => formAction(formData));
  }
  return { state, pending, formRef, onSubmit };
}
