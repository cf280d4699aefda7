import type { FormAction } from "@/lib/forms/form-result";
import { controlClasses } from "@/components/ui/input";
import { formatSeoulDate } from "@/lib/format";
import { CANCELLATION_REASONS, CANCELLATION_REASON_LABELS } from "./cancellation-reasons";
import { ConfirmDialog } from "./confirm-dialog";

/**
 * 구독 해지, with the consequence spelled out: a paid or trialing period runs to its end date
 * (and can still be resumed until then); a subscription waiting for a payment ends at once.
 */
export function CancelSubscriptionDialog({
  action,
  planName,
  endsAt,
  trialing,
}: {
  action: FormAction;
  planName: string;
  /** When access ends if the period can run out; null when cancelling ends it now. */
  endsAt: Date | null;
  trialing: boolean;
}) {
  return (
    <ConfirmDialog
      triggerLabel="구독 해지"
      title={endsAt ? `${planName} 구독을 해지할까요?` : `${planName} 구독을 바로 해지할까요?`}
      confirmLabel={endsAt ? "해지 예약하기" : "바로 해지하기"}
      confirmVariant="danger"
      loadingLabel="해지하는 중"
      cancelLabel="계속 이용하기"
      action={action}
      fields={
        <div className="space-y-1.5">
          <label htmlFor="cancellation-reason" className="block text-sm font-bold">
            해지하는 이유 (선택)
          </label>
          <select
            id="cancellation-reason"
            name="reason"
            defaultValue="unspecified"
            className={controlClasses}
          >
            {CANCELLATION_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {CANCELLATION_REASON_LABELS[reason]}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {endsAt ? (
        <>
          <p>
            <strong className="text-foreground">{formatSeoulDate(endsAt)}</strong>까지는 지금처럼
            이용할 수 있고, 그 뒤로는 결제되지 않아요.
            {trialing && " 무료 체험이 끝나도 결제되지 않아요."}
          </p>
          <p>그 전까지는 언제든 해지를 취소할 수 있어요.</p>
        </>
      ) : (
        <>
          <p>
            <strong className="text-foreground">지금 바로 해지돼요.</strong> 아직 결제되지 않은
            금액은 결제되지 않고, 구독을 다시 이용하려면 새로 구독해야 해요.
          </p>
        </>
      )}
    </ConfirmDialog>
  );
}
