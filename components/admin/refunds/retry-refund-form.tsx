"use client";

import { useActionState } from "react";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import { useFocusResult } from "@/components/ui/use-focus-result";
import { SubmitButton } from "@/components/ui/submit-button";
import { IDLE, type FormAction } from "@/lib/forms/form-result";
import type { RefundFormState } from "../charges/refund-form-state";

/**
 * Re-sends a refund whose answer never came, with the same refundNo and amount: the provider
 * answers with the first result instead of refunding twice, so pressing it again is safe.
 */
export function RetryRefundForm({
  refundId,
  refundNo,
  action,
}: {
  refundId: string;
  refundNo: string;
  action: FormAction<RefundFormState>;
}) {
  const [state, formAction] = useActionState<RefundFormState, FormData>(action, IDLE);
  const resultRef = useFocusResult(state, state.status !== "idle");
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="refundId" value={refundId} />
      <SubmitButton size="sm" variant="secondary" loadingLabel="환불 결과 확인 중">
        다시 시도<span className="sr-only"> ({refundNo})</span>
      </SubmitButton>
      <div ref={resultRef} tabIndex={-1} className="outline-none empty:hidden">
        <FormResultAlert state={state} className="max-w-xs whitespace-normal p-3 text-xs" />
      </div>
    </form>
  );
}
