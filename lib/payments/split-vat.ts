// How a VAT-inclusive charge splits into what a Korean receipt shows: 공급가액 (supply value),
// 부가세 (VAT) and 면세 금액 (tax-free part), which always add up to the total in whole won.
//
// VAT is 10 % of the supply value, so it is 1/11 of the VAT-inclusive taxable part, rounded to
// the nearest won (half up). The engine sends this same VAT with every charge to the providers
// that take one (Toss Pay amountVat, PortOne amount.vat), so the provider's record and our
// receipt never differ by a won. Toss Payments takes no VAT field and computes its own; its
// rounding is [unconfirmed] (docs/receipts-and-tax.md), and the sandbox rounds the same way.

export type VatSplit = {
  total: number; // KRW, what was charged
  taxFree: number; // KRW, 면세
  supply: number; // KRW, 공급가액 of the taxable part
  vat: number; // KRW, 부가세
};

/** The receipt split of `amount` (VAT-inclusive) of which `amountTaxFree` is tax-free. */
export function splitVat(amount: number, amountTaxFree: number): VatSplit {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`amount must be a non-negative integer of won; got ${amount}`);
  }
  if (!Number.isSafeInteger(amountTaxFree) || amountTaxFree < 0 || amountTaxFree > amount) {
    throw new RangeError(
      `amountTaxFree must be an integer of won between 0 and ${amount}; got ${amountTaxFree}`,
    );
  }
  const taxable = amount - amountTaxFree;
  const vat = Math.round(taxable / 11);
  return { total: amount, taxFree: amountTaxFree, supply: taxable - vat, vat };
}
