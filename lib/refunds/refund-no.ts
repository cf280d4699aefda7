// Our refund number for a refunds row (docs/providers.md §1.4.6: docs-pay requires a merchant
// refundNo, unique per merchant, ≤ 36 chars). It is derived from the row's own id, which is
// written before the provider is called, so a retry after a timeout, a double click or a crash
// re-sends exactly the same refundNo and the provider answers with the first result instead of
// refunding again. Format: "rf_" + the uuid's 32 hex digits = 35 chars of [A-Za-z0-9_-].

const REFUND_NO_PATTERN = /^[A-Za-z0-9_-]{1,36}$/;

export function refundNoFor(refundId: string): string {
  const hex = refundId.replaceAll("-", "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error("refundId must be a uuid");
  const refundNo = `rf_${hex}`;
  if (!REFUND_NO_PATTERN.test(refundNo)) throw new RangeError(`refundNo too long: ${refundNo}`);
  return refundNo;
}
