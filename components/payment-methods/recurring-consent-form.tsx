"use client";

import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { Alert } from "@/components/ui/alert";
import type { ButtonSize, ButtonVariant } from "@/components/ui/button";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction } from "@/lib/forms/form-result";

/**
 * The auto-payment agreement next to the button that starts a registration: the wording the
 * server records as consent, a required checkbox, and the submit button. The server checks the
 * box too (consent is evidence; it cannot rest on client validation), and its Korean message
 * lands next to the checkbox, which gets focus.
 *
 * A checkout names the method in its wording, so it passes one wording per method choice
 * (`consentTextByChoice`): the text follows the radio the customer picks, and the form sends
 * the words on screen as `consentText` for the server to compare with its own.
 */
export function RecurringConsentForm({
  action,
  consentText,
  consentTextByChoice,
  initialChoice,
  hiddenFields,
  submitLabel,
  loadingLabel,
  checkboxLabel = "[필수] 자동결제에 동의해요",
  submitVariant = "primary",
  submitSize = "lg",
  children,
}: {
  action: FormAction;
  consentText: string;
  consentTextByChoice?: Record<string, string> | undefined;
  initialChoice?: string | undefined;
  hiddenFields: Record<string, string>;
  submitLabel: string;
  loadingLabel: string;
  checkboxLabel?: string;
  submitVariant?: ButtonVariant;
  submitSize?: ButtonSize;
  /** Shown above the agreement, e.g. what will be charged and when. */
  children?: ReactNode;
}) {
  const [state, formAction] = useActionState(action, IDLE);
  const checkboxRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const textId = `${id}-text`;
  const errorId = `${id}-error`;
  const consentError = state.fieldErrors?.consent !== undefined;
  const [choice, setChoice] = useState(initialChoice);
  const shownText =
    (choice !== undefined ? consentTextByChoice?.[choice] : undefined) ?? consentText;

  useEffect(() => {
    if (consentError) checkboxRef.current?.focus();
  }, [state, consentError]);

  return (
    // noValidate: the server's Korean message replaces the browser's bubble.
    <form
      action={formAction}
      noValidate
      className="space-y-4"
      onChange={(event) => {
        const target = event.target;
        if (target instanceof HTMLInputElement && target.name === "choice") setChoice(target.value);
      }}
    >
      {Object.entries(hiddenFields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {consentTextByChoice && <input type="hidden" name="consentText" value={shownText} />}
      {state.status === "error" && !consentError && <Alert tone="danger">{state.message}</Alert>}
      {children}
      <fieldset className="rounded-xl border border-border bg-surface-muted/60 p-4">
        <legend className="sr-only">자동결제 동의</legend>
        <p id={textId} className="text-sm leading-relaxed text-foreground/90">
          {shownText}
        </p>
        <label className="mt-3 flex min-h-touch cursor-pointer items-center gap-3 font-bold">
          <input
            ref={checkboxRef}
            type="checkbox"
            name="consent"
            value="agreed"
            // Uncontrolled, so a tick made before the page hydrates is kept. React resets the
            // form after each action; a failure that was not about consent keeps the tick.
            defaultChecked={state.status === "error" && !consentError}
            aria-describedby={consentError ? `${textId} ${errorId}` : textId}
            aria-invalid={consentError || undefined}
            className="size-5 shrink-0 cursor-pointer accent-primary"
          />
          <span>{checkboxLabel}</span>
        </label>
        {consentError && (
          <p id={errorId} className="mt-1 text-sm font-bold text-danger">
            {state.fieldErrors?.consent}
          </p>
        )}
      </fieldset>
      <SubmitButton fullWidth size={submitSize} variant={submitVariant} loadingLabel={loadingLabel}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
