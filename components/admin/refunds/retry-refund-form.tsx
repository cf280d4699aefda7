"use client";

import { useActionState } from "react";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import type { Refund } from "@/lib/db/schema";

export type RetryRefundState =
  | { status: "idle" }
  | { status: "invalid"; message: string }
  | { status: Refund["status"]; message: string };

type Action = (state: RetryRefundState, formData: FormData) => Promise<RetryRefundState>;

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
  action: Action;
}) {
  const [state, formAction] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="refundId" value={refundId} />
      <SubmitButton size="sm" variant="secondary" loadingLabel="환불 결과 확인 중">
        다시 시도<span className="sr-only"> ({refundNo})</span>
      </SubmitButton>
      {state.status !== "idle" && (
        <Alert
          tone={
            state.status === "succeeded"
              ? "success"
              : state.status === "failed" || state.status === "invalid"
                ? "danger"
                : "warning"
          }
          className="max-w-xs whitespace-normal p-3 text-xs"
        >
          {state.message}
        </Alert>
      )}
    </form>
  );
}
