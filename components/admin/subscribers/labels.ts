import type { BadgeTone } from "@/components/ui/badge";

// Korean names for what the engine records, for the subscriber page. Unknown values (a new
// event type added later) fall back to the raw value rather than disappearing.

const EVENT_TYPES: Record<string, string> = {
  created: "구독 신청",
  payment_method_linked: "결제수단 연결",
  payment_method_removed: "결제수단 삭제",
  charge_needs_review: "결제 확인 필요",
  plan_changed: "예약된 요금제 변경 적용",
  trial_started: "무료 체험 시작",
  period_paid: "결제 완료 · 이용 기간 시작",
  payment_declined: "결제 실패",
  payment_method_unusable: "결제수단 사용 불가",
  dunning_exhausted: "재시도 종료 · 미납",
  cancel_requested: "해지 요청",
  resumed: "해지 취소",
  ended: "구독 종료",
  billing_date_moved: "다음 결제일 변경",
  free_period_granted: "무료 기간 제공",
  admin_charge_retry: "관리자가 결제 재시도",
  plan_switched: "요금제 변경",
  plan_upgraded: "요금제 업그레이드",
  plan_interval_changed: "결제 주기 변경",
  plan_change_scheduled: "요금제 변경 예약",
  plan_change_canceled: "요금제 변경 예약 취소",
  plan_change_failed: "요금제 변경 결제 실패",
  plan_change_needs_review: "요금제 변경 확인 필요",
  plan_change_charge_reserved: "요금제 변경 차액 결제 준비",
  consent_accepted: "동의함",
  consent_declined: "동의하지 않음",
  consent_withdrawn: "동의 철회",
  consent_expired: "동의 요청 만료",
  price_change_applied: "새 가격 적용",
  renewal_price_kept: "기존 가격으로 갱신",
  charge_config_error: "결제 설정 오류",
};

export function eventTypeLabel(type: string): string {
  return EVENT_TYPES[type] ?? type;
}

/** "system", "customer:<id>", "admin:<id>", "provider:<name>" → who, in Korean. */
export function actorLabel(actor: string): string {
  if (actor === "system") return "시스템";
  if (actor.startsWith("customer:")) return "고객";
  if (actor.startsWith("admin:")) return "관리자";
  if (actor.startsWith("provider:")) return "결제사";
  return actor;
}

export const CHARGE_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "요청 중", tone: "neutral" },
  unknown: { label: "결과 확인 중", tone: "warning" },
  succeeded: { label: "결제 완료", tone: "success" },
  failed: { label: "결제 실패", tone: "danger" },
};

export const REFUND_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "환불 요청 중", tone: "neutral" },
  unknown: { label: "환불 결과 확인 중", tone: "warning" },
  succeeded: { label: "환불 완료", tone: "success" },
  failed: { label: "환불 실패", tone: "danger" },
};

export const FAILURE_CATEGORY: Record<string, string> = {
  declined: "거절",
  needs_new_method: "결제수단 재등록 필요",
  config_error: "결제 설정 오류",
};

export const CONSENT_KIND: Record<string, string> = {
  price_increase: "가격 인상 동의 요청",
  trial_conversion: "체험 후 유료 전환 동의 요청",
  recurring_billing: "정기결제 동의",
};

export const CONSENT_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  requested: { label: "답변 대기", tone: "warning" },
  accepted: { label: "동의함", tone: "success" },
  declined: { label: "동의하지 않음", tone: "danger" },
  expired: { label: "만료", tone: "neutral" },
};

export const NOTIFICATION_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "발송 대기", tone: "neutral" },
  sent: { label: "발송됨", tone: "success" },
  failed: { label: "발송 실패", tone: "danger" },
  skipped: { label: "발송 안 함", tone: "neutral" },
};

export const METHOD_STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "등록 대기", tone: "neutral" },
  active: { label: "사용 중", tone: "success" },
  replaced: { label: "교체됨", tone: "neutral" },
  removed: { label: "삭제됨", tone: "danger" },
  failed: { label: "등록 실패", tone: "danger" },
};

export const PROVIDER: Record<string, string> = {
  toss_pay: "토스페이",
  toss_payments: "토스페이먼츠",
  portone: "포트원",
};

export const CARD_TYPE: Record<string, string> = {
  credit: "신용",
  check: "체크",
  prepaid: "선불",
};
