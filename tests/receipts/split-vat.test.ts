import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitVat } from "@/lib/payments/split-vat";

describe("splitVat", () => {
  it("splits VAT-inclusive prices the way a Korean receipt reads them", () => {
    expect(splitVat(9_900, 0)).toEqual({ total: 9_900, taxFree: 0, supply: 9_000, vat: 900 });
    // 10,000 / 11 = 909.09…: VAT rounds to 909, the supply value takes the rest.
    expect(splitVat(10_000, 0)).toEqual({ total: 10_000, taxFree: 0, supply: 9_091, vat: 909 });
    // 14,900 / 11 = 1,354.5: half a won rounds up.
    expect(splitVat(14_900, 0)).toEqual({ total: 14_900, taxFree: 0, supply: 13_545, vat: 1_355 });
    // Part tax-free: only the taxable 10,000 carries VAT.
    expect(splitVat(13_000, 3_000)).toEqual({
      total: 13_000,
      taxFree: 3_000,
      supply: 9_091,
      vat: 909,
    });
    expect(splitVat(5_000, 5_000)).toEqual({ total: 5_000, taxFree: 5_000, supply: 0, vat: 0 });
  });

  it("always gives whole won that add up to the total, VAT within half a won of a tenth of supply", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 100_000_000 })
          .chain((amount) => fc.tuple(fc.constant(amount), fc.integer({ min: 0, max: amount }))),
        ([amount, taxFree]) => {
          const split = splitVat(amount, taxFree);
          expect(Number.isSafeInteger(split.supply)).toBe(true);
          expect(Number.isSafeInteger(split.vat)).toBe(true);
          expect(split.supply + split.vat + split.taxFree).toBe(amount);
          expect(split.supply).toBeGreaterThanOrEqual(0);
          expect(split.vat).toBeGreaterThanOrEqual(0);
          expect(Math.abs(split.vat - (amount - taxFree) / 11)).toBeLessThanOrEqual(0.5);
        },
      ),
    );
  });

  it("refuses amounts that are not whole won or a tax-free part larger than the total", () => {
    expect(() => splitVat(9_900.5, 0)).toThrow(RangeError);
    expect(() => splitVat(-1, 0)).toThrow(RangeError);
    expect(() => splitVat(1_000, 1_001)).toThrow(RangeError);
    expect(() => splitVat(1_000, -1)).toThrow(RangeError);
  });
});
