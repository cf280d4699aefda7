"use client";

import { Fragment, useCallback, useId, useState, type ReactNode } from "react";
import { Button, type ButtonVariant } from "./button";
import { cx } from "./cx";

/**
 * A small button that opens a modal dialog (native <dialog>: focus stays inside, Esc closes).
 * What the dialog holds is mounted afresh each time it opens, so an earlier answer or error is
 * not shown again; it gets the id its title must carry and a way to close the dialog.
 */
export function ModalDialog({
  trigger,
  triggerVariant = "secondary",
  onOpen,
  className,
  children,
}: {
  trigger: ReactNode;
  triggerVariant?: ButtonVariant;
  onOpen?: () => void;
  className?: string;
  children: (dialog: { titleId: string; close: () => void }) => ReactNode;
}) {
  // State rather than a ref: the content gets `close` while rendering.
  const [dialog, setDialog] = useState<HTMLDialogElement | null>(null);
  const [session, setSession] = useState(0);
  const titleId = useId();
  const close = useCallback(() => dialog?.close(), [dialog]);

  return (
    <>
      <Button
        size="sm"
        variant={triggerVariant}
        aria-haspopup="dialog"
        onClick={() => {
          onOpen?.();
          setSession((n) => n + 1);
          dialog?.showModal();
        }}
      >
        {trigger}
      </Button>
      <dialog
        ref={setDialog}
        aria-labelledby={titleId}
        className={cx(
          "w-[calc(100vw-2rem)] max-w-md whitespace-normal rounded-card border border-border bg-surface p-0 text-foreground shadow-card backdrop:bg-black/50",
          className,
        )}
      >
        <Fragment key={session}>{children({ titleId, close })}</Fragment>
      </dialog>
    </>
  );
}
