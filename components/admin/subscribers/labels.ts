import type { BadgeCopy } from "./status-badge";
import { parseActor, type Actor } from "@/lib/audit/actor";

// Korean names for what the engine records, for the subscriber page. Event types have their
// exhaustive map next to the union (lib/format/subscription-event-labels.ts).

export { subscriptionEventLabel as eventTypeLabel } from "@/lib/format/subscription-event-labels";

/** A stored value in words; one the map does not know yet shows as written. */
export function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

const ACTOR_KIND: Record<Actor["kind"], string> = {
  system: "시스템",
  customer: "고객",
  admin: "관리자",
  provider: "결제사",
};

/** A stored actor ("system", "customer:<id>", "admin:<id>", "provider:<name>") → who, in Korean. */
export function actorLabel(actor: string): string {
  const parsed = parseActor(actor);
  return parsed ? ACTOR_KIND[parsed.kind] : actor;
}

export const CHARGE_STATUS: Record<string, BadgeCopy> = {
  pending: { label: "요청 중", tone: "neutral" },
  unknown: { label: "결과 확인 중", tone: "warning" },
  succeeded: { label: "결제 완료", tone: "success" },
  failed: { label: "결제 실패", tone: "danger" },
};

export const REFUND_STATUS: Record<string, BadgeCopy> = {
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

export const CONSENT_STATUS: Record<string, BadgeCopy> = {
  requested: { label: "답변 대기", tone: "warning" },
  accepted: { label: "동의함", tone: "success" },
  declined: { label: "동의하지 않음", tone: "danger" },
  expired: { label: "만료", tone: "neutral" },
};

export const NOTIFICATION_STATUS: Record<string, BadgeCopy> = {
  pending: { label: "발송 대기", tone: "neutral" },
  sent: { label: "발송됨", tone: "success" },
  failed: { label: "발송 실패", tone: "danger" },
  skipped: { label: "발송 안 함", tone: "neutral" },
};

export const METHOD_STATUS: Record<string, BadgeCopy> = {
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
