"use client";

import { useId, useRef, type ReactNode } from "react";
import type { FormAction } from "@/lib/forms/form-result";
import { choiceButtonLabels } from "@/components/payment-methods/choice-button-labels";
import { MethodChoiceField, useMethodChoices } from "@/components/payment-methods/method-choice";
import { RecurringConsentForm } from "@/components/payment-methods/recurring-consent-form";
import { Button, type ButtonVariant } from "@/components/ui/button";
import { AccountDialog } from "./account-dialog";

/**
 * "결제수단 변경" (or "결제수단 등록" when none is linked): the auto-payment agreement in a
 * dialog with the choice of method (the page's MethodChoicesProvider), then the provider's app
 * or window. The new method replaces the old one only once it is active.
 */
export function ChangeMethodDialog({
  triggerLabel,
  triggerVariant = "secondary",
  title,
  children,
  consentText,
  action,
}: {
  triggerLabel: string;
  triggerVariant?: ButtonVariant;
  title: string;
  children: ReactNode;
  consentText: string;
  action: FormAction;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const id = useId();
  const choices = useMethodChoices();
  return (
    <AccountDialog
      dialogRef={dialogRef}
      triggerLabel={triggerLabel}
      triggerVariant={triggerVariant}
      titleId={`${id}-title`}
      widthClass="w-[min(32rem,calc(100vw-2rem))]"
    >
      <div className="space-y-5 p-6">
        <div className="flex items-start justify-between gap-4">
          <h2 id={`${id}-title`} className="text-lg font-bold">
            {title}
          </h2>
          <Button
            variant="ghost"
            size="sm"
            className="-mr-2 -mt-1"
            onClick={() => dialogRef.current?.close()}
          >
            닫기
          </Button>
        </div>
        <div className="space-y-2 text-[0.9375rem] leading-relaxed text-muted">{children}</div>
        <RecurringConsentForm
          action={action}
          consentText={consentText}
          hiddenFields={{}}
          {...choiceButtonLabels(choices, "새 결제수단 등록")}
        >
          <MethodChoiceField choices={choices} />
        </RecurringConsentForm>
      </div>
    </AccountDialog>
  );
}

/** "결제수단 등록" when no method is linked: the same dialog, as the page's main action. */
export function RegisterMethodDialog({
  children,
  consentText,
  action,
}: {
  children: ReactNode;
  consentText: string;
  action: FormAction;
}) {
  return (
    <ChangeMethodDialog
      triggerLabel="결제수단 등록"
      triggerVariant="primary"
      title="결제수단 등록"
      consentText={consentText}
      action={action}
    >
      {children}
    </ChangeMethodDialog>
  );
}
