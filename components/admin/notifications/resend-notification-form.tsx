"use client";

import { useActionState } from "react";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";

/** Puts a failed or unsent email back into the outbox; it is sent within moments. */
export function ResendNotificationForm({
  notificationId,
  subject,
  action,
}: {
  notificationId: string;
  subject: string;
  action: FormAction;
}) {
  const [state, formAction] = useActionState<FormResult, FormData>(action, IDLE);
  const resultRef = useFocusResult(state, state.status !== "idle");
  return (
    <form action={formAction} className="mt-2 space-y-2">
      <input type="hidden" name="notificationId" value={notificationId} />
      {(state.status === "idle" || state.status === "error") && (
        <SubmitButton size="sm" variant="secondary" loadingLabel="다시 보내는 중">
          다시 보내기<span className="sr-only"> ({subject})</span>
        </SubmitButton>
      )}
      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        <FormResultAlert state={state} className="max-w-xs whitespace-normal p-3 text-xs" />
      </div>
    </form>
  );
}
