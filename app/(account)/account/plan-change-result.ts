import type { FormResult } from "@/lib/forms/form-result";
import type { PlanChangeOutcome } from "@/lib/billing/read-plan-change-outcome";
import { formatKRW, formatSeoulDate } from "@/lib/format";

/** What the customer reads after confirming a plan change, for each outcome of changePlan. */
export function planChangeResult(outcome: PlanChangeOutcome): FormResult {
  switch (outcome.kind) {
    case "upgraded":
      return {
        status: "success",
        message:
          outcome.charged > 0
            ? `요금제를 바꿨어요. 차액 ${formatKRW(outcome.charged)}을 결제했어요.`
            : "요금제를 바꿨어요. 이번 기간에는 추가로 결제되지 않아요.",
      };
    case "interval_changed":
      return {
        status: "success",
        message: `결제 주기를 바꿨어요. ${formatKRW(outcome.charged)}을 결제했고 새 이용 기간이 시작됐어요.`,
      };
    case "switched":
      return { status: "success", message: "요금제를 바꿨어요. 추가로 결제되지 않아요." };
    case "downgrade_scheduled":
      return {
        status: "success",
        message: `${formatSeoulDate(outcome.effectiveAt)} 결제부터 새 요금제로 바뀌어요.`,
      };
    case "scheduled_change_canceled":
      return { status: "success", message: "예약된 요금제 변경을 취소했어요." };
    case "pending":
      // Never re-sent: the cron looks the same order up and finishes the change.
      return {
        status: "success",
        message: "결제 결과를 확인하고 있어요. 확인되면 요금제가 바로 바뀌어요.",
      };
    case "declined":
      return {
        status: "error",
        message: outcome.needsNewMethod
          ? `${outcome.customerMessage} 결제수단을 새로 등록한 뒤 다시 시도해 주세요.`
          : outcome.customerMessage,
      };
    case "needs_review":
      return {
        status: "error",
        message: "결제는 됐지만 요금제 변경을 마무리하지 못했어요. 고객센터로 문의해 주세요.",
      };
  }
}
