// Why a customer cancels, as a short optional choice in the cancel dialog. Stored with the
// cancellation so the merchant can see why people leave.
export const CANCELLATION_REASONS = [
  "unspecified",
  "too_expensive",
  "not_using",
  "missing_features",
  "switching",
  "other",
] as const;

export type CancellationReason = (typeof CANCELLATION_REASONS)[number];

export const CANCELLATION_REASON_LABELS: Record<CancellationReason, string> = {
  unspecified: "선택하지 않음",
  too_expensive: "가격이 부담돼요",
  not_using: "자주 쓰지 않아요",
  missing_features: "필요한 기능이 없어요",
  switching: "다른 서비스로 옮겨요",
  other: "기타",
};
