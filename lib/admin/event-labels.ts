// The provider event log in the merchant's words. Providers name their events in English
// (docs/providers.md) and processing writes its outcome as an English sentence for developers
// (lib/payment-methods/handle-provider-event.ts); the list shows a short Korean label for both
// and keeps the raw text one click away. Anything not listed here shows as written.

// Every type a provider sends that our parsers read (docs/providers.md), in filter order.
export const EVENT_TYPE_LABELS = {
  // Toss Pay (토스페이) billing callbacks
  ACTIVATED: "결제수단 등록 완료",
  REMOVED: "결제수단 해지",
  // Toss Payments (토스페이먼츠) webhooks
  BILLING_DELETED: "빌링키 삭제",
  PAYMENT_STATUS_CHANGED: "결제 상태 변경",
  // PortOne V2 webhooks
  "BillingKey.Issued": "빌링키 발급",
  "BillingKey.Failed": "빌링키 발급 실패",
  "BillingKey.Deleted": "빌링키 삭제",
  "BillingKey.Updated": "결제수단 정보 변경",
  "Transaction.Paid": "결제 완료",
  "Transaction.Failed": "결제 실패",
  "Transaction.Cancelled": "결제 취소",
  "Transaction.PartialCancelled": "결제 부분 취소",
  // Ours: a body no parser could read (kept for inspection, never processed).
  invalid: "읽을 수 없는 요청",
} as const satisfies Record<string, string>;

export type KnownEventType = keyof typeof EVENT_TYPE_LABELS;
export const KNOWN_EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS) as [
  KnownEventType,
  ...KnownEventType[],
];

// Who sends each type, for the filter's options (two providers each have a "빌링키 삭제").
const EVENT_TYPE_SENDERS: Record<KnownEventType, string | null> = {
  ACTIVATED: "토스페이",
  REMOVED: "토스페이",
  BILLING_DELETED: "토스페이먼츠",
  PAYMENT_STATUS_CHANGED: "토스페이먼츠",
  "BillingKey.Issued": "포트원",
  "BillingKey.Failed": "포트원",
  "BillingKey.Deleted": "포트원",
  "BillingKey.Updated": "포트원",
  "Transaction.Paid": "포트원",
  "Transaction.Failed": "포트원",
  "Transaction.Cancelled": "포트원",
  "Transaction.PartialCancelled": "포트원",
  invalid: null,
};

/** The event type filter's options: "빌링키 삭제 (포트원)". */
export const EVENT_TYPE_OPTIONS = KNOWN_EVENT_TYPES.map((value) => {
  const sender = EVENT_TYPE_SENDERS[value];
  const label = EVENT_TYPE_LABELS[value];
  return { value, label: sender ? `${label} (${sender})` : label };
});

/** "ACTIVATED" → "결제수단 등록 완료"; a type we do not know shows as the provider wrote it. */
export function eventTypeLabel(type: string): string {
  return (EVENT_TYPE_LABELS as Record<string, string>)[type] ?? type;
}

// One rule per outcome sentence handle-provider-event.ts writes. Order matters: the specific
// "ignored: …" sentences come before the catch-all "ignored: <event type>".
const OUTCOME_RULES: readonly { pattern: RegExp; label: string }[] = [
  { pattern: /^activated payment method /, label: "결제수단 등록 완료" },
  { pattern: /^already active: payment method /, label: "이미 등록된 결제수단" },
  { pattern: /^not activated: payment method .+ is /, label: "등록되지 않음" },
  { pattern: /^not activated: provider reports /, label: "결제사에서 아직 등록 전" },
  {
    pattern: /^removed payment method .+ \(removed at the provider\)$/,
    label: "결제수단 해지 반영",
  },
  { pattern: /^removal reported for payment method /, label: "해지 신고 · 다음 결제 때 확인" },
  { pattern: /^refreshed payment method /, label: "결제수단 정보 갱신" },
  { pattern: /^settled charge .+ \(succeeded\)$/, label: "결제 결과 반영 · 성공" },
  { pattern: /^settled charge .+ \(failed\)$/, label: "결제 결과 반영 · 실패" },
  { pattern: /^settled charge /, label: "결제 결과 반영" },
  { pattern: /^left charge .+ to the billing run /, label: "결제 결과 확인 중 · 자동 재확인" },
  { pattern: /^ignored: no order id$/, label: "주문번호 없음 · 무시" },
  { pattern: /^ignored: no charge of ours has this order id$/, label: "우리 결제가 아니라 무시" },
  { pattern: /^ignored: charge .+ is already /, label: "이미 결과가 반영된 결제" },
  {
    pattern: /^ignored: no payment method has this billing key$/,
    label: "우리 결제수단이 아니라 무시",
  },
  {
    pattern: /^ignored: customer id does not match the key's owner$/,
    label: "고객 정보 불일치 · 무시",
  },
  { pattern: /^ignored: key already gone$/, label: "이미 해지된 결제수단" },
  {
    pattern: /^ignored: payment method .+ is already reported removed$/,
    label: "이미 해지 신고됨",
  },
  { pattern: /^ignored: payment method .+ is /, label: "사용 중이 아닌 결제수단" },
  {
    pattern: /^ignored: provider does not confirm the removal$/,
    label: "결제사가 해지를 확인 안 함",
  },
  { pattern: /^ignored: /, label: "처리할 내용 없음" },
  {
    pattern: /^deferred: provider checks for payment method .+ are throttled/,
    label: "결제사 확인 대기",
  },
  {
    pattern: /^deferred: payment method .+ waits for the customer's return/,
    label: "고객 복귀 대기",
  },
  { pattern: /^deferred: /, label: "처리 대기" },
  { pattern: /^rejected(: |$)/, label: "형식 오류로 거부" },
  { pattern: /^refused: /, label: "수신 거부" },
  { pattern: /^error: /, label: "처리 중 오류" },
  { pattern: /^duplicate$/, label: "중복 수신" },
];

export type OutcomeLabel = { text: string; known: boolean };

/**
 * A stored outcome as a short Korean result. Unknown sentences (an older version's wording, a
 * new outcome nobody labelled yet) come back as written, marked unknown so the page can set
 * them in monospace.
 */
export function outcomeLabel(outcome: string | null): OutcomeLabel | null {
  if (outcome === null || outcome === "") return null;
  const rule = OUTCOME_RULES.find((r) => r.pattern.test(outcome));
  return rule ? { text: rule.label, known: true } : { text: outcome, known: false };
}
