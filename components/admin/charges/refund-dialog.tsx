"use client";

import { useActionState, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { ModalDialog } from "@/components/ui/modal-dialog";
import { controlClasses } from "@/components/ui/input";
import { formatKRW } from "@/lib/format/krw";
import { IDLE, type FormAction } from "@/lib/forms/form-result";
import type { RefundFormState } from "./refund-form-state";

export type RefundableCharge = {
  id: string;
  orderId: string;
  customer: string;
  amount: number; // KRW
  refundedAmount: number; // KRW
};

type Action = FormAction<RefundFormState>;

/**
 * "환불" on a charge row: a modal dialog (native <dialog>: focus stays inside, Esc closes) that
 * asks how much to refund (default: everything left) and why, then shows the provider's
 * answer and what remains refundable.
 */
export function RefundDialog({ charge, action }: { charge: RefundableCharge; action: Action }) {
  return (
    <ModalDialog
      trigger={
        <>
          환불<span className="sr-only"> ({charge.orderId})</span>
        </>
      }
    >
      {({ titleId, close }) => (
        <RefundForm charge={charge} action={action} titleId={titleId} onClose={close} />
      )}
    </ModalDialog>
  );
}

function RefundForm({
  charge,
  action,
  titleId,
  onClose,
}: {
  charge: RefundableCharge;
  action: Action;
  titleId: string;
  onClose: () => void;
}) {
  const [state, formAction, pending] = useActionState<RefundFormState, FormData>(action, IDLE);
  const resultRef = useFocusResult(state, state.status !== "idle");
  const remaining = charge.amount - charge.refundedAmount;
  const [amountText, setAmountText] = useState(String(remaining));
  const amount = Number(amountText.replace(/[\s,₩원]/g, ""));
  const amountValid = Number.isSafeInteger(amount) && amount >= 1;
  const [reason, setReason] = useState("고객 요청");
  // What the last submit sent: after a refusal the same input would be refused again, so the
  // button waits for a change (the alert says why).
  const [submitted, setSubmitted] = useState<{ amount: string; reason: string } | null>(null);
  const refusedAsIs =
    state.status === "error" &&
    submitted !== null &&
    submitted.amount === amountText &&
    submitted.reason === reason;
  // Once a refund was recorded (whatever the provider answered) there is nothing to resubmit.
  const finished = state.refundNo !== undefined;
  const ids = { amount: useId(), reason: useId(), hint: useId() };

  return (
    <form
      action={formAction}
      onSubmit={() => setSubmitted({ amount: amountText, reason })}
      className="space-y-5 p-5 sm:p-6"
    >
      <input type="hidden" name="chargeAttemptId" value={charge.id} />
      <div className="space-y-1">
        <h2 id={titleId} className="text-lg font-bold">
          결제 환불
        </h2>
        <p className="break-all text-sm text-muted">
          {charge.customer} · {charge.orderId}
        </p>
      </div>

      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 rounded-xl bg-surface-muted p-4 text-sm">
        <dt className="text-muted">결제 금액</dt>
        <dd className="text-right tabular-nums">{formatKRW(charge.amount)}</dd>
        {charge.refundedAmount > 0 && (
          <>
            <dt className="text-muted">이미 환불</dt>
            <dd className="text-right tabular-nums">{formatKRW(charge.refundedAmount)}</dd>
          </>
        )}
        <dt className="font-bold">환불 가능</dt>
        <dd className="text-right font-bold tabular-nums">{formatKRW(remaining)}</dd>
      </dl>

      {!finished && (
        <>
          <div className="space-y-1.5">
            <label htmlFor={ids.amount} className="block text-sm font-bold">
              환불 금액 (원)
            </label>
            <input
              id={ids.amount}
              name="amount"
              inputMode="numeric"
              autoComplete="off"
              required
              value={amountText}
              onChange={(e) => setAmountText(e.target.value)}
              aria-describedby={ids.hint}
              aria-invalid={refusedAsIs || undefined}
              className={controlClasses}
            />
            <p id={ids.hint} className="text-sm text-muted">
              기본값은 남은 금액 전체예요. 일부만 환불하려면 금액을 바꿔 주세요.
            </p>
          </div>
          <div className="space-y-1.5">
            <label htmlFor={ids.reason} className="block text-sm font-bold">
              환불 사유
            </label>
            <input
              id={ids.reason}
              name="reason"
              required
              maxLength={200}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              className={controlClasses}
            />
          </div>
        </>
      )}

      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        <FormResultAlert state={state}>
          <p>{state.message}</p>
          {refusedAsIs && <p className="mt-1">금액이나 사유를 고치면 다시 환불할 수 있어요.</p>}
        </FormResultAlert>
      </div>

      <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
        <Button variant="ghost" onClick={onClose}>
          {finished ? "닫기" : "취소"}
        </Button>
        {!finished && (
          <Button
            type="submit"
            variant="danger"
            loading={pending}
            loadingLabel="환불 요청 중"
            disabled={!amountValid || refusedAsIs}
          >
            {amountValid ? `${formatKRW(amount)} 환불하기` : "환불하기"}
          </Button>
        )}
      </div>
    </form>
  );
}
