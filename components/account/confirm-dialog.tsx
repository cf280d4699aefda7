"use client";

import { useActionState, useEffect, useId, useRef, type ReactNode } from "react";
import { IDLE, type FormAction } from "@/lib/forms/form-result";
import { Alert } from "@/components/ui/alert";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { AccountDialog } from "./account-dialog";

/**
 * A button that asks before doing something that cannot simply be undone. The action's Korean error stays inside the dialog; on success the
 * page re-renders (the action revalidates it) and the dialog closes.
 */
export function ConfirmDialog({
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize = "md",
  triggerBlock = false,
  title,
  children,
  confirmLabel,
  confirmVariant = "primary",
  loadingLabel,
  cancelLabel = "닫기",
  action,
  hiddenFields = {},
  fields,
}: {
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Full width on a phone, its own width from sm up. */
  triggerBlock?: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  confirmVariant?: ButtonVariant;
  loadingLabel: string;
  cancelLabel?: string;
  action: FormAction;
  hiddenFields?: Record<string, string>;
  /** Extra form controls (e.g. an optional reason). */
  fields?: ReactNode;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [state, formAction] = useActionState(action, IDLE);
  const id = useId();

  useEffect(() => {
    if (state.status === "success") dialogRef.current?.close();
  }, [state]);

  return (
    <AccountDialog
      dialogRef={dialogRef}
      triggerLabel={triggerLabel}
      triggerVariant={triggerVariant}
      triggerSize={triggerSize}
      triggerBlock={triggerBlock}
      titleId={`${id}-title`}
      descriptionId={`${id}-body`}
      widthClass="w-[min(30rem,calc(100vw-2rem))]"
    >
      <form action={formAction} className="space-y-5 p-6">
        {Object.entries(hiddenFields).map(([name, value]) => (
          <input key={name} type="hidden" name={name} value={value} />
        ))}
        <h2 id={`${id}-title`} className="text-lg font-bold">
          {title}
        </h2>
        <div id={`${id}-body`} className="space-y-2 text-[0.9375rem] leading-relaxed text-muted">
          {children}
        </div>
        {fields}
        {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => dialogRef.current?.close()}>
            {cancelLabel}
          </Button>
          <SubmitButton variant={confirmVariant} loadingLabel={loadingLabel}>
            {confirmLabel}
          </SubmitButton>
        </div>
      </form>
    </AccountDialog>
  );
}
