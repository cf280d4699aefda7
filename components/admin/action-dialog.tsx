"use client";

import { useActionState, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";

/**
 * A button that opens a confirmation dialog (native <dialog>: focus stays inside, Esc closes)
 * holding a form for a server action. The dialog says what will happen; the action runs only
 * when the admin confirms. Fields go in `children`, which receive the last result so each field
 * can show its error. On success the dialog closes and the message is shown next to the button,
 * or handed to `onDone` when the button itself may disappear (e.g. 해지 becomes 해지 예약 취소):
 * the parent then keeps the message.
 */
export function ActionDialog({
  triggerLabel,
  triggerVariant = "secondary",
  onDone,
  ...form
}: FormProps & {
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  onDone?: (message: string) => void;
}) {
  const [done, setDone] = useState<string | null>(null);

  return (
    <>
      <ModalDialog
        trigger={triggerLabel}
        triggerVariant={triggerVariant}
        onOpen={() => setDone(null)}
        className="text-left"
      >
        {({ titleId, close }) => (
          <DialogForm
            {...form}
            titleId={titleId}
            onDone={(message) => {
              close();
              if (onDone) onDone(message);
              else setDone(message);
            }}
            onCancel={close}
          />
        )}
      </ModalDialog>
      {done && (
        <p role="status" className="basis-full text-sm font-bold text-success">
          {done}
        </p>
      )}
    </>
  );
}

/** What the dialog's form says and does. */
type FormProps = {
  title: string;
  description?: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  action: FormAction;
  hidden?: Record<string, string>;
  children?: (state: FormResult) => ReactNode;
};

function DialogForm({
  titleId,
  title,
  description,
  confirmLabel,
  confirmVariant = "primary",
  action,
  hidden = {},
  onDone,
  onCancel,
  children,
}: FormProps & {
  titleId: string;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const [state, formAction] = useActionState<FormResult, FormData>(action, IDLE);
  // The latest callback, without making each new render's function re-run the effect.
  const onDoneRef = useRef(onDone);
  useEffect(() => {
    onDoneRef.current = onDone;
  });
  useEffect(() => {
    if (state.status === "success") onDoneRef.current(state.message ?? "처리했어요.");
  }, [state]);
  const hasFieldErrors = Object.keys(state.fieldErrors ?? {}).length > 0;

  return (
    <form action={formAction} className="space-y-4 p-5 sm:p-6" noValidate>
      <h2 id={titleId} className="text-lg font-bold">
        {title}
      </h2>
      {description && (
        <div className="space-y-2 text-sm leading-relaxed text-muted">{description}</div>
      )}
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children?.(state)}
      {state.status === "error" && !hasFieldErrors && <Alert tone="danger">{state.message}</Alert>}
      <div className="flex flex-wrap justify-end gap-2 pt-2">
        <Button variant="ghost" onClick={onCancel}>
          닫기
        </Button>
        <SubmitButton variant={confirmVariant}>{confirmLabel}</SubmitButton>
      </div>
    </form>
  );
}
