import type { FormAction } from "@/lib/forms/form-result";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import type { PlanChangePreview } from "@/lib/billing/preview-plan-change";
import type { Plan } from "@/lib/db/schema";
import { instrumental } from "@/lib/admin/korean-particles";
import { formatBillingInterval, formatKRW, formatPlanPrice, formatSeoulDate } from "@/lib/format";
import { ActionButton } from "./action-button";
import { ConfirmDialog } from "./confirm-dialog";

// 요금제 변경 (docs/billing.md "Plan changes"): every other plan with what choosing it costs now and
// when it takes effect, computed by the engine's own quote (previewPlanChange) when the page
// renders, so the dialog shows the figure the customer is about to pay before they confirm.

export type PlanChangeOption = {
  plan: Plan;
  /** null when the change is not possible; `unavailable` says why, in Korean. */
  preview: PlanChangePreview | null;
  unavailable: string | null;
};

export type PlanChangeActions = { change: FormAction; cancelScheduled: FormAction };

function confirmLabelOf(preview: PlanChangePreview): string {
  if (preview.kind === "downgrade") return "변경 예약하기";
  return preview.chargeNow > 0 ? `${formatKRW(preview.chargeNow)} 결제하고 변경` : "변경하기";
}

// How a difference is worked out, said once under every figure that comes from it.
const PRORATION_RULE = "남은 날수만큼 일할 계산하고, 10원 미만은 받지 않아요.";

/** "오늘 국민카드 체크 4579 73** **** 410*로", or "오늘" when no method is known. */
function chargedWith(methodLabel: string | null): string {
  return methodLabel ? `오늘 ${methodLabel}${instrumental(methodLabel)}` : "오늘";
}

function PreviewText({
  plan,
  preview,
  methodLabel,
  nextChargeAt,
}: {
  plan: Plan;
  preview: PlanChangePreview;
  methodLabel: string | null;
  nextChargeAt: Date | null;
}) {
  const price = formatPlanPrice(plan);
  const recurring = `${formatBillingInterval(plan.interval, plan.intervalCount)} ${formatKRW(plan.amount)}`;
  switch (preview.kind) {
    case "upgrade":
      return (
        <>
          {preview.chargeNow > 0 ? (
            <p>
              남은 {preview.days.remainingDays}일치 차액{" "}
              <strong className="text-foreground">{formatKRW(preview.chargeNow)}</strong>을{" "}
              {chargedWith(methodLabel)} 결제하고 바로 바꿔요.
            </p>
          ) : (
            <p>
              남은 {preview.days.remainingDays}일치 차액이 {formatKRW(preview.waived)}이라 최소 결제
              금액보다 적어서, 결제 없이 바로 바꿔요.
            </p>
          )}
          <p>
            {nextChargeAt ? `${formatSeoulDate(nextChargeAt)}부터 ` : "다음 결제일부터 "}
            {recurring}이 결제돼요.
          </p>
          <p className="text-sm">{PRORATION_RULE}</p>
        </>
      );
    case "lateral":
      return <p>지금 바로 바뀌고, 추가로 결제되는 금액은 없어요. 다음 결제부터 {price}이에요.</p>;
    case "downgrade":
      return (
        <>
          <p>
            <strong className="text-foreground">{formatSeoulDate(preview.effectiveAt)}</strong>{" "}
            결제부터 {price}으로 바뀌어요. 지금은 결제되지 않아요.
          </p>
          <p>
            그때까지는 지금 요금제를 그대로 이용할 수 있고, 그 전에 언제든 예약을 취소할 수 있어요.
          </p>
        </>
      );
    case "interval_change":
      return (
        <>
          <p>
            지금 새 이용 기간({formatSeoulDate(preview.newPeriodStart)} ~{" "}
            {formatSeoulDate(preview.newPeriodEnd)})이 시작돼요.
          </p>
          <p>
            지금 요금제의 남은 {preview.creditDays.remainingDays}일치 {formatKRW(preview.credit)}을
            빼고 <strong className="text-foreground">{formatKRW(preview.chargeNow)}</strong>을{" "}
            {chargedWith(methodLabel)} 결제해요.
          </p>
          <p>
            {formatSeoulDate(preview.newPeriodEnd)}부터 {recurring}이 결제돼요.
          </p>
          <p className="text-sm">{PRORATION_RULE}</p>
        </>
      );
    case "trial_switch":
      return (
        <p>
          무료 체험 중이라 지금 바로 바뀌고 결제되지 않아요. 체험이 끝난 뒤에는 {price}씩
          결제돼요(유료 전환 동의가 필요해요).
        </p>
      );
  }
}

function summaryOf(preview: PlanChangePreview): string {
  switch (preview.kind) {
    case "upgrade":
      return preview.chargeNow > 0
        ? `지금 차액 ${formatKRW(preview.chargeNow)} 결제 후 바로 변경`
        : "추가 결제 없이 바로 변경";
    case "interval_change":
      return `지금 ${formatKRW(preview.chargeNow)} 결제 후 바로 변경`;
    case "downgrade":
      return `${formatSeoulDate(preview.effectiveAt)} 결제부터 변경`;
    case "lateral":
    case "trial_switch":
      return "추가 결제 없이 바로 변경";
  }
}

export function PlanChangePanel({
  currentPlanName,
  pendingPlan,
  pendingFrom,
  options,
  actions,
  methodLabel,
  nextChargeAt,
}: {
  currentPlanName: string;
  /** The method that pays a difference ("국민카드 체크 4579 …"), named in the dialog. */
  methodLabel: string | null;
  /** When the next regular charge happens (the end of the current period). */
  nextChargeAt: Date | null;
  /** A downgrade scheduled for the end of the period, if any. */
  pendingPlan: Plan | null;
  pendingFrom: Date | null;
  options: PlanChangeOption[];
  actions: PlanChangeActions;
}) {
  return (
    <CardSection
      title="요금제 변경"
      description="올리면 바로 바뀌고 남은 기간의 차액만 결제돼요. 내리면 다음 결제일부터 바뀌어요."
    >
      <div className="space-y-4">
        {pendingPlan && (
          <Alert tone="info" title="요금제 변경이 예약돼 있어요">
            <p>
              {pendingFrom ? `${formatSeoulDate(pendingFrom)} 결제부터 ` : "다음 결제부터 "}
              {pendingPlan.name} 요금제({formatPlanPrice(pendingPlan)})로 바뀌어요.
            </p>
            <div className="mt-3">
              <ActionButton
                action={actions.cancelScheduled}
                label="예약 취소"
                loadingLabel="예약을 취소하는 중"
                variant="secondary"
                size="sm"
              />
            </div>
          </Alert>
        )}
        {options.length === 0 ? (
          <p className="text-muted">지금 바꿀 수 있는 다른 요금제가 없어요.</p>
        ) : (
          <ul aria-label="바꿀 수 있는 요금제" className="-my-1 divide-y divide-border">
            {options.map(({ plan, preview, unavailable }) => (
              <li key={plan.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div className="min-w-0 space-y-0.5">
                  <p className="font-bold">{plan.name}</p>
                  <p className="text-sm text-muted">
                    {formatPlanPrice(plan)}
                    {preview ? ` · ${summaryOf(preview)}` : unavailable ? ` · ${unavailable}` : ""}
                  </p>
                </div>
                {plan.id === pendingPlan?.id ? (
                  <Badge tone="info">변경 예약됨</Badge>
                ) : (
                  preview && (
                    <ConfirmDialog
                      triggerLabel="이 요금제로 변경"
                      triggerSize="sm"
                      title={`${plan.name} 요금제로 바꿀까요?`}
                      confirmLabel={confirmLabelOf(preview)}
                      loadingLabel="바꾸는 중"
                      action={actions.change}
                      hiddenFields={{ planId: plan.id }}
                    >
                      <p>
                        {currentPlanName} → <strong className="text-foreground">{plan.name}</strong>
                      </p>
                      <PreviewText
                        plan={plan}
                        preview={preview}
                        methodLabel={methodLabel}
                        nextChargeAt={nextChargeAt}
                      />
                    </ConfirmDialog>
                  )
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
    </CardSection>
  );
}
