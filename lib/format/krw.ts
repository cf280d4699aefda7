// Money is integer won everywhere (docs/billing.md "Money"). A fractional amount reaching the UI
// means a bug upstream, so formatting refuses it rather than rounding it away.
const GROUPING = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, useGrouping: true });

/** 9900 → "₩9,900"; -9900 → "-₩9,900" (refunds). Throws on anything but a safe integer. */
export function formatKRW(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`formatKRW expects an integer number of won, got ${String(amount)}`);
  }
  const sign = amount < 0 ? "-" : "";
  return `${sign}₩${GROUPING.format(Math.abs(amount))}`;
}
