import { CHARGE_STATUS_LABELS, PROVIDER_LABELS } from "./charges";
import { outcomeLabel } from "./event-labels";
import { NOTIFICATION_STATUS_LABELS } from "./notifications";
import { REFUND_STATUS_LABELS } from "./refunds";
import { diffJson, diffValueText, type DiffRow } from "./audit-diff";
import { CASH_RECEIPT_TRADE_LABELS } from "@/lib/receipts/labels";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";

// The fields audit entries record (every recordAudit / settingsSectionUpdater caller), in the
// merchant's words, each with how its value reads: "환불된 금액 0원 → 3,000원" rather than
// "chargeRefundedAmount 0 → 3000". A field not listed shows its raw path and JSON value.

type ValueKind =
  | { kind: "won" }
  | { kind: "date" }
  | { kind: "boolean" }
  | { kind: "text" }
  | { kind: "id" }
  | { kind: "unit"; unit: string }
  | { kind: "enum"; labels: Record<string, string> }
  | { kind: "list"; unit?: string; labels?: Record<string, string> }
  | { kind: "outcome" };

type Field = { label: string } & ValueKind;

const won = (label: string): Field => ({ label, kind: "won" });
const date = (label: string): Field => ({ label, kind: "date" });
const bool = (label: string): Field => ({ label, kind: "boolean" });
const text = (label: string): Field => ({ label, kind: "text" });
const id = (label: string): Field => ({ label, kind: "id" });
const unit = (label: string, u: string): Field => ({ label, kind: "unit", unit: u });
const oneOf = (label: string, labels: Record<string, string>): Field => ({
  label,
  kind: "enum",
  labels,
});

const SUBSCRIPTION_STATUS: Record<string, string> = {
  incomplete: "첫 결제 대기",
  trialing: "무료 체험 중",
  active: "이용 중",
  past_due: "결제 실패 · 재시도 중",
  unpaid: "미납",
  canceled: "해지됨",
};
const PLAN_STATUS: Record<string, string> = { active: "판매 중", archived: "판매 중지" };
const INTERVAL: Record<string, string> = { day: "일", week: "주", month: "개월", year: "년" };
const CONSENT_FALLBACK: Record<string, string> = {
  renew_at_old_price: "기존 가격으로 한 번 더 갱신",
  cancel_at_period_end: "기간 끝에 해지",
};
const WITHDRAWAL_USE: Record<string, string> = {
  regardless_of_use: "사용 여부와 관계없이 허용",
  unused_only: "사용하지 않은 경우만 허용",
};
const LEGAL_KIND: Record<string, string> = {
  terms: "이용약관",
  privacy: "개인정보 처리방침",
  refund_policy: "환불 정책",
};
const CANCELLATION: Record<string, string> = { withdrawal: "청약철회", cancel_now: "즉시 해지" };
const RETRY_OUTCOME: Record<string, string> = {
  settled: "결과 확정",
  in_flight: "결제 진행 중",
  skipped: "건너뜀",
  handled: "처리됨",
};
const CHARGE_RESULT: Record<string, string> = {
  ...CHARGE_STATUS_LABELS,
  succeeded: "결제 완료",
  failed: "결제 실패",
};

// Field paths as diffJson names them ("pendingRefund.amount"). `targetType:path` entries win
// over plain paths where one name means different things (a refund's status, a plan's).
const FIELDS: Record<string, Field> = {
  // Charges and refunds
  refundedAmount: won("환불된 금액"),
  chargeRefundedAmount: won("환불된 금액"),
  providerRefundableAmount: won("결제사 기준 환불 가능 금액"),
  "pendingRefund.refundId": id("환불 ID"),
  "pendingRefund.refundNo": id("환불 번호"),
  "pendingRefund.amount": won("환불 요청 금액"),
  "pendingRefund.amountTaxFree": won("환불 요청 중 면세 금액"),
  "pendingRefund.reason": text("환불 사유"),
  "refund:status": oneOf("환불 상태", REFUND_STATUS_LABELS),
  "refund:amount": won("환불 금액"),
  refundNo: id("환불 번호"),
  errorCode: id("오류 코드"),
  errorMessage: text("오류 내용"),
  billingRunId: id("자동 결제 실행 ID"),
  actor: text("처리 주체"),
  // Plans
  slug: id("주소 이름"),
  name: text("이름"),
  description: text("설명"),
  features: { label: "혜택", kind: "list" },
  amount: won("가격"),
  amountTaxFree: won("면세 금액"),
  interval: oneOf("결제 주기 단위", INTERVAL),
  intervalCount: unit("결제 주기 숫자", ""),
  trialDays: unit("무료 체험", "일"),
  sortOrder: unit("표시 순서", "번째"),
  "plan:status": oneOf("판매 상태", PLAN_STATUS),
  order: { label: "요금제 순서", kind: "list" },
  direction: oneOf("이동 방향", { up: "위로", down: "아래로" }),
  // Subscriptions
  "subscription:status": oneOf("구독 상태", SUBSCRIPTION_STATUS),
  cancelAtPeriodEnd: bool("기간 끝에 해지 예약"),
  currentPeriodStart: date("이번 기간 시작"),
  currentPeriodEnd: date("이번 기간 끝"),
  billingAnchorAt: date("결제 기준일"),
  trialEnd: date("무료 체험 끝"),
  nextChargeAt: date("다음 결제"),
  canceledAt: date("해지 요청 시각"),
  endedAt: date("종료 시각"),
  dunningAttempts: unit("결제 재시도", "회"),
  serviceUsedAt: date("서비스 이용 시각"),
  "subscription:outcome": oneOf("다시 시도 결과", RETRY_OUTCOME),
  "subscription:result": oneOf("결제 결과", CHARGE_RESULT),
  attemptId: id("결제 시도 ID"),
  orderId: id("주문번호"),
  "subscription:reason": text("사유"),
  "subscription:action": text("처리"),
  "grant.days": unit("무료 기간", "일"),
  "grant.interval": oneOf("무료 기간 단위", INTERVAL),
  "grant.intervalCount": unit("무료 기간 숫자", ""),
  "grant.from": date("무료 기간 시작"),
  "grant.to": date("무료 기간 끝"),
  cancellation: oneOf("해지 방식", CANCELLATION),
  refundIds: { label: "환불 ID", kind: "list" },
  refundAmount: won("환불 금액"),
  remainingDays: unit("남은 기간", "일"),
  // Notifications
  "notification:status": oneOf("발송 상태", NOTIFICATION_STATUS_LABELS),
  attempts: unit("발송 시도", "회"),
  lastError: text("마지막 오류"),
  sendAfter: date("다시 보낼 시각"),
  // Provider events
  "provider_event:outcome": { label: "처리 결과", kind: "outcome" },
  verified: bool("검증됨"),
  error: text("오류"),
  processedAt: date("처리한 시각"),
  // Settings
  dunningRetryDays: { label: "재시도 일", kind: "list", unit: "일째" },
  unpaidCancelAfterDays: unit("미납 후 해지까지", "일"),
  incompleteExpiryHours: unit("첫 결제 대기 시간", "시간"),
  consentFallbackPolicy: oneOf("동의가 없을 때", CONSENT_FALLBACK),
  chargeConcurrency: unit("동시 결제 요청 수", "건"),
  businessName: text("상호"),
  representativeName: text("대표자"),
  businessRegistrationNumber: text("사업자등록번호"),
  mailOrderRegistrationNumber: text("통신판매업 신고번호"),
  businessAddress: text("주소"),
  supportEmail: text("고객센터 이메일"),
  supportPhone: text("고객센터 전화번호"),
  enabledProviders: { label: "사용하는 결제사", kind: "list", labels: PROVIDER_LABELS },
  cashReceiptIssue: bool("현금영수증 발급"),
  cashReceiptTradeOption: oneOf("현금영수증 유형", CASH_RECEIPT_TRADE_LABELS),
  withdrawalDays: unit("청약철회 기간", "일"),
  withdrawalUsePolicy: oneOf("이용 후 청약철회", WITHDRAWAL_USE),
  proratedCancelRefund: bool("즉시 해지 시 남은 기간 환불"),
  // Legal documents, CSV exports, leaving
  kind: oneOf("문서", LEGAL_KIND),
  version: unit("버전", ""),
  "filters.status": oneOf("조건: 상태", CHARGE_STATUS_LABELS),
  "filters.provider": oneOf("조건: 결제사", PROVIDER_LABELS),
  "filters.from": text("조건: 시작일"),
  "filters.to": text("조건: 종료일"),
  "filters.minAmount": won("조건: 최소 금액"),
  "filters.maxAmount": won("조건: 최대 금액"),
  "filters.q": text("조건: 검색어"),
  "filters.sort": oneOf("조건: 정렬", { created_at: "시각", amount: "금액" }),
  "filters.dir": oneOf("조건: 방향", { asc: "오름차순", desc: "내림차순" }),
  subscriptionEnded: id("끝낸 구독"),
  billingKeysRemoved: unit("삭제한 빌링키", "개"),
};

function fieldOf(targetType: string, path: string): Field | undefined {
  return FIELDS[`${targetType}:${path}`] ?? FIELDS[path];
}

/** A field's name: Korean where known, otherwise its path (the page sets those in mono). */
export function auditFieldLabel(
  targetType: string,
  path: string,
): { text: string; known: boolean } {
  const field = fieldOf(targetType, path);
  return field ? { text: field.label, known: true } : { text: path || "(값)", known: false };
}

export type AuditValue = { text: string; mono: boolean };

const raw = (value: unknown): AuditValue => ({ text: diffValueText(value), mono: true });

/** A recorded value as the merchant reads it: "3,000원", "2026. 1. 6. 14:00", "예". */
export function formatAuditValue(targetType: string, path: string, value: unknown): AuditValue {
  if (value === undefined) return { text: "—", mono: false };
  if (value === null) return { text: "없음", mono: false };
  const field = fieldOf(targetType, path);
  if (!field) return raw(value);
  switch (field.kind) {
    case "won":
      return typeof value === "number" && Number.isSafeInteger(value)
        ? { text: formatKRW(value), mono: false }
        : raw(value);
    case "date": {
      if (typeof value !== "string" || Number.isNaN(Date.parse(value))) return raw(value);
      return { text: formatSeoulDateTime(value), mono: false };
    }
    case "boolean":
      return typeof value === "boolean"
        ? { text: value ? "예" : "아니요", mono: false }
        : raw(value);
    case "unit":
      return typeof value === "number"
        ? { text: `${value}${field.unit}`, mono: false }
        : raw(value);
    case "enum":
      return typeof value === "string"
        ? { text: field.labels[value] ?? value, mono: !(value in field.labels) }
        : raw(value);
    case "list": {
      if (!Array.isArray(value)) return raw(value);
      if (value.length === 0) return { text: "없음", mono: false };
      const items = value.map((item) =>
        typeof item === "string" ? (field.labels?.[item] ?? item) : diffValueText(item),
      );
      return { text: items.join(", ") + (field.unit ?? ""), mono: false };
    }
    case "outcome":
      return typeof value === "string"
        ? { text: outcomeLabel(value)?.text ?? value, mono: false }
        : raw(value);
    case "id":
      return typeof value === "string" ? { text: value, mono: true } : raw(value);
    case "text":
      return typeof value === "string" ? { text: value, mono: false } : raw(value);
  }
}

/** One line of the row's summary: "환불된 금액 0원 → 3,000원", "상호 새 상호". */
export function auditChangeLine(targetType: string, row: DiffRow): string {
  const label = auditFieldLabel(targetType, row.path).text;
  const after = formatAuditValue(targetType, row.path, row.after).text;
  switch (row.change) {
    case "changed":
      return `${label} ${formatAuditValue(targetType, row.path, row.before).text} → ${after}`;
    case "added":
    case "unchanged":
      return `${label} ${after}`;
    case "removed":
      return `${label} ${formatAuditValue(targetType, row.path, row.before).text} 삭제`;
  }
}

/**
 * What an entry changed, in at most `max` lines, and how many more there are.
 */
export function auditSummary(
  targetType: string,
  before: unknown,
  after: unknown,
  max = 2,
): { lines: string[]; more: number } {
  const rows = diffJson(before, after).filter((row) => row.change !== "unchanged");
  // Known fields first (they say more than an id), and changes before additions.
  const rank = (row: DiffRow) =>
    (fieldOf(targetType, row.path) ? 0 : 2) + (row.change === "changed" ? 0 : 1);
  const ordered = [...rows].sort((a, b) => rank(a) - rank(b));
  return {
    lines: ordered.slice(0, max).map((row) => auditChangeLine(targetType, row)),
    more: Math.max(0, rows.length - max),
  };
}
