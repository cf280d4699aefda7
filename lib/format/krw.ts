// Money is integer won everywhere (docs/billing.md "Money"). A fractional amount reaching the UI
// means a bug upstream, so formatting refuses it rather than rounding it away.
//
// Amounts are written the way Korean payment apps (Toss, 카카오페이, 네이버페이) write
// them: the number with thousands separators followed by 원, "9,900원", never "₩9,900".
// Every amount ends in 원, which has a final consonant, so the particles after an amount
// are always 을, 이, 은, 으로, 이에요 ("9,900원을 결제했어요").
const GROUPING = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, useGrouping: true });

/**
 * 9900 → "9,900원"; 0 → "0원"; -9900 → "-9,900원" (a day with more refunds than charges).
 * Refunds are written as a positive amount with a word ("환불 3,000원"), not as a negative.
 * Throws on anything but a safe integer.
 */
export function formatKRW(amount: number): string {
  if (!Number.isSafeInteger(amount)) {
    throw new RangeError(`formatKRW expects an integer number of won, got ${String(amount)}`);
  }
  const sign = amount < 0 ? "-" : "";
  return `${sign}${GROUPING.format(Math.abs(amount))}원`;
}
