"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";

export type ResendNotificationState =
  | { status: "idle" }
  | { status: "queued"; message: string }
  | { status: "warning"; message: string }
  | { status: "error"; message: string };

type Action = (
  state: ResendNotificationState,
  formData: FormData,
) => Promise<ResendNotificationState>;

/** Puts a failed or unsent email back into the outbox; it is sent within moments. */
export function ResendNotificationForm({
  notificationId,
  subject,
  action,
}: {
  notificationId: string;
  subject: string;
  action: Action;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="mt-2 space-y-2">
      <input type="hidden" name="notificationId" value={notificationId} />
      {(state.status === "idle" || state.status === "error") && (
        <SubmitButton size="sm" variant="secondary" loadingLabel="다시 보내는 중">
          다시 보내기<span className="sr-only"> ({subject})</span>
        </SubmitButton>
      )}
      {state.status !== "idle" && (
        <Alert
          tone={
            state.status === "queued"
              ? "success"
              : state.status === "warning"
                ? "warning"
                : "danger"
          }
          className="max-w-xs whitespace-normal p-3 text-xs"
        >
          {state.message}
        </Alert>
      )}
    </form>
  );
}
