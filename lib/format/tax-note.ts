import { formatKRW } from "./krw";

/**
 * What a price includes, next to the price: "부가세 포함" for taxable goods, "면세" when all of it
 * is tax-free, and "부가세 포함 · 면세 3,000원" when part of it is (the receipt splits it the same
 * way, lib/payments/split-vat.ts).
 */
export function formatTaxNote(price: { amount: number; amountTaxFree: number }): string {
  if (price.amountTaxFree <= 0) return "부가세 포함";
  if (price.amountTaxFree >= price.amount) return "면세";
  return `부가세 포함 · 면세 ${formatKRW(price.amountTaxFree)}`;
}
