"use client";

import { useActionState, useCallback, useEffect, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { SubmitButton } from "@/components/ui/submit-button";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { IDLE, type FormAction, type FormResult } from "@/lib/forms/form-result";

/**
 * A button that opens a confirmation dialog (native <dialog>: focus stays inside, Esc closes)
 * holding a form for a server action. The dialog says what will happen; the action runs only
 * when the admin confirms. Fields go in `children`, which receive the last result so each field
 * can show its error. On success the dialog closes and the message is shown next to the button,
 * or handed to `onDone` when the button itself may disappear (e.g. 해지 becomes 해지 예약 취소):
 * the parent then keeps the message (and moves focus to it, as this does with its own).
 * Focus follows the answer: closing a native dialog hands focus back to its trigger, which may
 * be gone after the action (the skip link would take it), so the message itself takes focus;
 * an error inside the dialog takes it likewise.
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
  const [doneNotice, announce] = useActionNotice("basis-full");

  return (
    <>
      <ModalDialog
        trigger={triggerLabel}
        triggerVariant={triggerVariant}
        onOpen={() => announce(null)}
        className="text-left"
      >
        {({ titleId, close }) => (
          <DialogForm
            {...form}
            titleId={titleId}
            onDone={(message) => {
              close();
              if (onDone) onDone(message);
              else announce(message);
            }}
            onCancel={close}
          />
        )}
      </ModalDialog>
      {doneNotice}
    </>
  );
}

/**
 * Where an action's success message appears, and the function that shows it (null clears it).
 * The message takes the focus: the dialog closed, and its trigger may be gone.
 */
export function useActionNotice(className?: string) {
  // An object per answer, so the same message twice still moves focus again.
  const [notice, setNotice] = useState<{ message: string } | null>(null);
  const ref = useFocusResult(notice ?? {}, notice !== null);
  const announce = useCallback(
    (message: string | null) => setNotice(message === null ? null : { message }),
    [],
  );
  // Nothing until there is a message: an empty full-width box would break the button row.
  const element = notice && (
    <div ref={ref} tabIndex={-1} className={cx("outline-none", className)}>
      <p role="status" className="text-sm font-bold text-success">
        {notice.message}
      </p>
    </div>
  );
  return [element, announce] as const;
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
  const errorRef = useFocusResult(state, state.status === "error" && !hasFieldErrors);

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
      {state.status === "error" && !hasFieldErrors && (
        <div ref={errorRef} tabIndex={-1} className="outline-none">
          <Alert tone="danger">{state.message}</Alert>
        </div>
      )}
      <div className="flex flex-wrap justify-end gap-2 pt-2">
        <Button variant="ghost" onClick={onCancel}>
          닫기
        </Button>
        <SubmitButton variant={confirmVariant}>{confirmLabel}</SubmitButton>
      </div>
    </form>
  );
}
