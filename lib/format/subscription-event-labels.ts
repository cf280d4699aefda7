import type { SubscriptionEventType } from "@/lib/db/schema";

// Korean names for what the engine records on a subscription's history, for the admin
// timeline. A Record over the union: adding an event type without a label does not compile.
export const SUBSCRIPTION_EVENT_LABELS: Record<SubscriptionEventType, string> = {
  created: "구독 신청",
  trial_started: "무료 체험 시작",
  period_paid: "결제 완료 · 이용 기간 시작",
  payment_declined: "결제 실패",
  payment_method_unusable: "결제수단 사용 불가",
  dunning_exhausted: "재시도 종료 · 미납",
  cancel_requested: "해지 요청",
  resumed: "해지 취소",
  ended: "구독 종료",
  payment_method_linked: "결제수단 연결",
  payment_method_removed: "결제수단 삭제",
  trial_refused_instrument: "무료 체험 제외 (이미 체험한 결제수단)",
  paid_start_confirmed: "유료 시작 동의",
  charge_needs_review: "결제 확인 필요",
  charge_config_error: "결제 설정 오류",
  free_period_granted: "무료 기간 제공",
  admin_charge_retry: "관리자가 결제 재시도",
  billing_date_moved: "다음 결제일 변경",
  plan_switched: "요금제 변경",
  plan_upgraded: "요금제 업그레이드",
  plan_interval_changed: "결제 주기 변경",
  plan_downgraded: "예약된 요금제 변경 적용",
  plan_change_scheduled: "요금제 변경 예약",
  plan_change_canceled: "요금제 변경 예약 취소",
  plan_change_failed: "요금제 변경 결제 실패",
  plan_change_needs_review: "요금제 변경 확인 필요",
  plan_change_charge_reserved: "요금제 변경 차액 결제 준비",
  consent_requested: "동의 요청",
  consent_accepted: "동의함",
  consent_declined: "동의하지 않음",
  consent_withdrawn: "동의 철회",
  consent_expired: "동의 요청 만료",
  price_change_applied: "새 가격 적용",
  renewal_price_kept: "기존 가격으로 갱신",
};

/** The label of a stored type; a value outside the union (a row written by a newer build) shows as written. */
export function subscriptionEventLabel(type: string): string {
  return (SUBSCRIPTION_EVENT_LABELS as Record<string, string>)[type] ?? type;
}
