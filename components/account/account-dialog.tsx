"use client";

import type { ReactNode, RefObject } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";

/**
 * The button and native <dialog> every account-page dialog is built on. Opened with
 * showModal(): focus moves into it and stays there, Esc closes it, and focus returns to the
 * button. The caller owns `dialogRef` (to close it from its content) and the ids of the title
 * and description its content renders.
 */
export function AccountDialog({
  dialogRef,
  triggerLabel,
  triggerVariant = "secondary",
  triggerSize,
  triggerBlock = false,
  titleId,
  descriptionId,
  widthClass,
  children,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Full width on a phone, its own width from sm up. */
  triggerBlock?: boolean;
  titleId: string;
  descriptionId?: string;
  /** A literal Tailwind width class (the dialogs differ by how much they hold). */
  widthClass: string;
  children: ReactNode;
}) {
  return (
    <>
      <Button
        variant={triggerVariant}
        size={triggerSize}
        className={triggerBlock ? "w-full sm:w-auto" : undefined}
        aria-haspopup="dialog"
        onClick={() => dialogRef.current?.showModal()}
      >
        {triggerLabel}
      </Button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
        className={cx(
          "m-auto rounded-card border border-border bg-surface p-0 text-foreground shadow-card backdrop:bg-black/50",
          widthClass,
        )}
      >
        {children}
      </dialog>
    </>
  );
}
