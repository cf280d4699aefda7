"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export type ReprocessState =
  { status: "idle" } | { status: "done"; message: string } | { status: "error"; message: string };

type Action = (state: ReprocessState, formData: FormData) => Promise<ReprocessState>;

/** Re-runs an event's processing; safe to repeat (the processing is idempotent). */
export function ReprocessEventForm({ eventId, action }: { eventId: string; action: Action }) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="flex max-w-md flex-col items-end gap-2">
      <input type="hidden" name="eventId" value={eventId} />
      <SubmitButton size="sm" variant="secondary" loadingLabel="다시 처리하는 중">
        다시 처리
      </SubmitButton>
      {state.status !== "idle" && (
        <Alert tone={state.status === "done" ? "success" : "danger"} className="p-3 text-xs">
          <span className="break-all">{state.message}</span>
        </Alert>
      )}
    </form>
  );
}
