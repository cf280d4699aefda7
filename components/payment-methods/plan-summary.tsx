import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import type { Plan } from "@/lib/db/schema";
import type { MethodChoice } from "./method-choices";
import { formatBillingInterval, formatKRW, formatPricePeriod, formatTrial } from "@/lib/format";

export type PlanSummaryPlan = Pick<
  Plan,
  "name" | "description" | "amount" | "interval" | "intervalCount" | "trialDays"
>;

/** How a single choice reads; several are listed by name ("토스페이 · 카드 · 계좌 (퀵계좌이체)"). */
function methodsText(choices: readonly MethodChoice[]): string {
  const [only] = choices;
  if (choices.length === 1 && only) return `${only.label} (${only.hint})`;
  return choices.map((choice) => choice.label).join(" · ");
}

/** What the customer is about to agree to: price, how often, trial, and how it is paid. */
export function PlanSummary({
  plan,
  choices,
}: {
  plan: PlanSummaryPlan;
  /** The methods the checkout offers (method-choices.ts). */
  choices: readonly MethodChoice[];
}) {
  const trial = formatTrial(plan.trialDays);
  const every = formatBillingInterval(plan.interval, plan.intervalCount);
  return (
    <Card className="space-y-5 p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-bold">{plan.name}</h2>
        {trial && <Badge tone="info">{trial}</Badge>}
      </div>
      {plan.description && <p className="text-sm leading-relaxed text-muted">{plan.description}</p>}
      <p>
        <span className="font-bold text-muted">
          {formatPricePeriod(plan.interval, plan.intervalCount)}
        </span>{" "}
        <span className="text-3xl font-bold tracking-tight">{formatKRW(plan.amount)}</span>
      </p>
      <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2.5 border-t border-border pt-5 text-sm">
        <dt className="text-muted">결제 금액</dt>
        <dd className="font-bold">{formatKRW(plan.amount)} (부가세 포함)</dd>
        <dt className="text-muted">결제 주기</dt>
        <dd>{every} 자동결제</dd>
        <dt className="text-muted">무료 체험</dt>
        <dd>{trial ? `${trial} 후 첫 결제` : "없음 · 등록하면 바로 첫 결제"}</dd>
        <dt className="text-muted">결제수단</dt>
        <dd>{methodsText(choices)}</dd>
        <dt className="text-muted">해지</dt>
        <dd>내 구독에서 언제든 · 남은 기간은 계속 이용</dd>
      </dl>
    </Card>
  );
}
