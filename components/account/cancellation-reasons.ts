// Why a customer cancels, as a short optional choice in the cancel dialog. Stored with the
// cancellation so the merchant can see why people leave. The labels are the one list: the
// reasons, in the dialog's order, are their keys.
export const CANCELLATION_REASON_LABELS = {
  unspecified: "선택하지 않음",
  too_expensive: "가격이 부담돼요",
  not_using: "자주 쓰지 않아요",
  missing_features: "필요한 기능이 없어요",
  switching: "다른 서비스로 옮겨요",
  other: "기타",
} as const;

export type CancellationReason = keyof typeof CANCELLATION_REASON_LABELS;

export const CANCELLATION_REASONS = Object.keys(CANCELLATION_REASON_LABELS) as [
  CancellationReason,
  ...CancellationReason[],
];
