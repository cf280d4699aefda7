// How a refund's amount is validated and split into tax-free and taxable parts (pure).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { remainingRefundable, taxFreePartOf, validateRefundAmount } from "@/lib/refunds/refundable";

describe("validateRefundAmount", () => {
  const charge = { amount: 9_900, refundedAmount: 3_000 };

  it("defaults to everything that remains", () => {
    expect(validateRefundAmount(charge, undefined)).toBe(6_900);
    expect(validateRefundAmount(charge, 6_900)).toBe(6_900);
    expect(validateRefundAmount(charge, 1)).toBe(1);
  });

  it("names both amounts when asked for more than remains", () => {
    const error = (() => {
      try {
        validateRefundAmount(charge, 6_901);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).userMessage).toBe(
      "환불 가능 금액(6,900원)보다 큰 금액(6,901원)은 환불할 수 없어요. 이미 3,000원이 환불됐어요.",
    );
  });

  it("refuses zero, negatives, fractions, and a charge with nothing left", () => {
    for (const bad of [0, -1, 0.5, Number.NaN]) {
      expect(() => validateRefundAmount(charge, bad)).toThrow(AppError);
    }
    expect(() => validateRefundAmount({ amount: 100, refundedAmount: 100 }, undefined)).toThrow(
      /nothing is left/,
    );
  });
});

describe("taxFreePartOf", () => {
  it("takes the charge's tax-free share of a partial refund, rounded down", () => {
    const charge = { amount: 10_000, amountTaxFree: 3_000, refundedAmount: 0, refundedTaxFree: 0 };
    expect(taxFreePartOf(charge, 5_000)).toBe(1_500);
    expect(taxFreePartOf(charge, 3_333)).toBe(999);
    expect(taxFreePartOf(charge, 10_000)).toBe(3_000);
    expect(taxFreePartOf({ ...charge, amountTaxFree: 0 }, 5_000)).toBe(0);
  });

  it("splits any sequence of refunds so the parts add up to the charge's", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 2_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        (amount, taxFreeShare, slices) => {
          const amountTaxFree = Math.floor(amount * taxFreeShare);
          let refundedAmount = 0;
          let refundedTaxFree = 0;
          for (const slice of slices) {
            const left = remainingRefundable({ amount, refundedAmount });
            if (left === 0) break;
            const refund = Math.max(1, Math.floor(left * slice));
            const taxFree = taxFreePartOf(
              { amount, amountTaxFree, refundedAmount, refundedTaxFree },
              refund,
            );
            expect(taxFree).toBeGreaterThanOrEqual(0);
            expect(taxFree).toBeLessThanOrEqual(refund);
            refundedAmount += refund;
            refundedTaxFree += taxFree;
            // Neither part ever goes beyond what the charge had of it.
            expect(refundedTaxFree).toBeLessThanOrEqual(amountTaxFree);
            expect(refundedAmount - refundedTaxFree).toBeLessThanOrEqual(amount - amountTaxFree);
          }
          // Refunding the rest closes both parts exactly.
          const rest = remainingRefundable({ amount, refundedAmount });
          if (rest > 0) {
            refundedTaxFree += taxFreePartOf(
              { amount, amountTaxFree, refundedAmount, refundedTaxFree },
              rest,
            );
            refundedAmount += rest;
          }
          expect(refundedAmount).toBe(amount);
          expect(refundedTaxFree).toBe(amountTaxFree);
        },
      ),
    );
  });
});
