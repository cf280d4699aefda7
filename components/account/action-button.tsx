"use client";

import { useActionState } from "react";
import { IDLE, type FormAction } from "@/lib/forms/form-result";
import { Alert } from "@/components/ui/alert";
import type { ButtonSize, ButtonVariant } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { SubmitButton } from "@/components/ui/submit-button";

/** A one-button form for a safe action (resume, retry): no dialog, the error shown below. */
export function ActionButton({
  action,
  label,
  loadingLabel,
  hiddenFields = {},
  variant = "primary",
  size = "md",
  block = false,
}: {
  action: FormAction;
  label: string;
  loadingLabel: string;
  hiddenFields?: Record<string, string>;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Full width on a phone (stacked answers), its own width from sm up. */
  block?: boolean;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  return (
    <form action={formAction} className={cx("space-y-3", block && "w-full sm:w-auto")}>
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton
        variant={variant}
        size={size}
        loadingLabel={loadingLabel}
        className={block ? "w-full sm:w-auto" : undefined}
      >
        {label}
      </SubmitButton>
      {state.status === "error" && <Alert tone="danger">{state.message}</Alert>}
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
    </form>
  );
}
