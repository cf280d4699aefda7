"use client";

import { useActionState } from "react";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";

/** Re-runs an event's processing; safe to repeat (the processing is idempotent). */
export function ReprocessEventForm({ eventId, action }: { eventId: string; action: FormAction }) {
  const [state, formAction] = useActionState<FormResult, FormData>(action, IDLE);
  const resultRef = useFocusResult(state, state.status !== "idle");
  return (
    <form action={formAction} className="flex max-w-md flex-col items-start gap-2">
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton size="sm" variant="secondary" loadingLabel="다시 처리하는 중">
        다시 처리
      </SubmitButton>
      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        <FormResultAlert state={state} className="p-3 text-xs">
          <span className="break-all">{state.message}</span>
        </FormResultAlert>
      </div>
    </form>
  );
}
