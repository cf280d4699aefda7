import Link from "next/link";
import type { ReactNode } from "react";
import { CancelSubscriptionDialog } from "@/components/account/cancel-subscription-dialog";
import { ConfirmDialog } from "@/components/account/confirm-dialog";
import { Card } from "@/components/ui/card";
import type { FormAction } from "@/lib/forms/form-result";
import { formatKRW, formatSeoulDate, seoulDayStart } from "@/lib/format";
import type { CancelNowDecision } from "@/lib/refunds/decide-cancel-now-refund";
import type { WithdrawalDecision } from "@/lib/refunds/decide-withdrawal";
import { WITHDRAWAL_REFUSAL_MESSAGE } from "@/lib/refunds/decide-withdrawal";

// /account/cancel: every way the customer's subscription can end, each with what happens to
// the money said before anything is confirmed. Only the ways that apply right now are offered
// (the engine decides: lib/refunds/decide-withdrawal.ts, decide-cancel-now-refund.ts).

const REFUND_TIMING =
  "환불은 결제하신 수단으로 돌아가요. 카드사나 은행에 따라 반영까지 영업일 기준 3~7일이 걸릴 수 있어요.";

function Choice({
  title,
  badge,
  children,
  action,
}: {
  title: string;
  badge?: string;
  children: ReactNode;
  action: ReactNode;
}) {
  return (
    <Card className="space-y-4 p-5 sm:p-6">
      <div className="space-y-2">
        <h2 className="flex flex-wrap items-center gap-2 text-lg font-bold">
          {title}
          {badge && (
            <span className="whitespace-nowrap rounded-full bg-primary/10 px-2.5 py-0.5 text-xs font-bold text-primary">
              {badge}
            </span>
          )}
        </h2>
        <div className="space-y-1.5 leading-relaxed text-muted">{children}</div>
      </div>
      <div className="flex flex-wrap gap-2">{action}</div>
    </Card>
  );
}

/**
 * Confirms ending the subscription now with a refund (청약철회 or 남은 기간 환불). The amount
 * the customer saw goes with the form, so the server refuses if it has changed since
 * (cancel-with-refund.ts); both say how long the refund takes to arrive.
 */
function RefundNowDialog({
  amount,
  subscriptionId,
  children,
  ...dialog
}: {
  triggerLabel: string;
  triggerVariant: "primary" | "secondary";
  title: string;
  confirmLabel: string;
  loadingLabel: string;
  action: FormAction;
  subscriptionId: string;
  amount: number;
  // What ends and what comes back, in one paragraph.
  children: ReactNode;
}) {
  return (
    <ConfirmDialog
      {...dialog}
      triggerBlock
      confirmVariant="danger"
      cancelLabel="계속 이용하기"
      hiddenFields={{ subscriptionId, expectedAmount: String(amount) }}
    >
      <p>{children}</p>
      <p>{REFUND_TIMING}</p>
    </ConfirmDialog>
  );
}

const lastDayText = (lastDay: string) => formatSeoulDate(seoulDayStart(lastDay));

export function CancellationChoices({
  subscriptionId,
  planName,
  withdrawal,
  cancelNow,
  periodEnd,
  actions,
}: {
  subscriptionId: string;
  planName: string;
  withdrawal: WithdrawalDecision;
  cancelNow: CancelNowDecision;
  /** Cancelling at period end: when access ends, or null when the subscription cannot wait. */
  periodEnd: { endsAt: Date | null; trialing: boolean; alreadyScheduled: boolean };
  actions: { withdraw: FormAction; cancelNowRefund: FormAction; cancelAtPeriodEnd: FormAction };
}) {
  return (
    <div className="space-y-4">
      {withdrawal.eligible && (
        <Choice
          title="청약철회"
          badge="전액 환불"
          action={
            <RefundNowDialog
              triggerLabel="청약철회하기"
              triggerVariant="primary"
              title="청약철회할까요?"
              confirmLabel={`${formatKRW(withdrawal.amount)} 환불받고 철회하기`}
              loadingLabel="환불하는 중"
              action={actions.withdraw}
              subscriptionId={subscriptionId}
              amount={withdrawal.amount}
            >
              {planName} 구독이 <strong className="text-foreground">지금 바로 끝나고</strong>,
              결제하신 <strong className="text-foreground">{formatKRW(withdrawal.amount)}</strong>을
              모두 환불해요. 더 이상 결제되지 않아요.
            </RefundNowDialog>
          }
        >
          <p>
            첫 결제 후 {lastDayText(withdrawal.window.lastDay)}까지는 청약철회할 수 있어요. 지금
            철회하면 구독이 바로 끝나고{" "}
            <strong className="text-foreground">{formatKRW(withdrawal.amount)}</strong>을 모두
            환불해요.
          </p>
        </Choice>
      )}

      {cancelNow.offered && (
        <Choice
          title="지금 해지하고 남은 기간 환불"
          action={
            <RefundNowDialog
              triggerLabel="지금 해지하기"
              triggerVariant={withdrawal.eligible ? "secondary" : "primary"}
              title="지금 해지할까요?"
              confirmLabel={`${formatKRW(cancelNow.amount)} 환불받고 해지하기`}
              loadingLabel="해지하는 중"
              action={actions.cancelNowRefund}
              subscriptionId={subscriptionId}
              amount={cancelNow.amount}
            >
              오늘 해지하면 남은 {cancelNow.remainingDays}일치{" "}
              <strong className="text-foreground">{formatKRW(cancelNow.amount)}</strong>을 환불해요.{" "}
              {planName} 구독은 지금 바로 끝나요.
            </RefundNowDialog>
          }
        >
          <p>
            오늘 해지하면 남은 {cancelNow.remainingDays}일치{" "}
            <strong className="text-foreground">{formatKRW(cancelNow.amount)}</strong>을 환불해요.
          </p>
          <p className="text-sm">
            결제 금액 {formatKRW(cancelNow.paid)}을 이용 기간 {cancelNow.daysInPeriod}일로 나눠
            오늘을 뺀 남은 날만큼 돌려드려요 (10원 미만은 빼요).
          </p>
        </Choice>
      )}

      <Choice
        title={periodEnd.endsAt ? "이용 기간이 끝나면 해지" : "바로 해지"}
        action={
          periodEnd.alreadyScheduled ? (
            <Link
              href="/account"
              className="font-bold text-primary underline-offset-4 hover:underline"
            >
              내 구독에서 해지 취소하기
            </Link>
          ) : (
            <CancelSubscriptionDialog
              action={actions.cancelAtPeriodEnd}
              planName={planName}
              endsAt={periodEnd.endsAt}
              trialing={periodEnd.trialing}
            />
          )
        }
      >
        {periodEnd.alreadyScheduled && periodEnd.endsAt ? (
          <p>
            이미 {formatSeoulDate(periodEnd.endsAt)}에 끝나도록 해지를 예약했어요. 그때까지 이용할
            수 있어요.
          </p>
        ) : periodEnd.endsAt ? (
          <p>
            {formatSeoulDate(periodEnd.endsAt)}까지 지금처럼 이용하고, 그 뒤로는 결제되지 않아요.
            {periodEnd.trialing
              ? " 무료 체험 중이라 결제된 금액이 없어요."
              : " 이미 결제된 금액은 환불되지 않아요."}
          </p>
        ) : (
          <p>지금 바로 해지돼요. 아직 결제되지 않은 금액은 결제되지 않아요.</p>
        )}
      </Choice>

      {!withdrawal.eligible && withdrawal.window && withdrawal.reason !== "not_live" && (
        <p className="text-sm text-muted">
          청약철회는 첫 결제 후 {lastDayText(withdrawal.window.lastDay)}까지 할 수 있어요.{" "}
          {WITHDRAWAL_REFUSAL_MESSAGE[withdrawal.reason]}
        </p>
      )}
    </div>
  );
}
