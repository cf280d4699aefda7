import { describe, expect, it } from "vitest";
import {
  comparePeriodLength,
  MINIMUM_CHARGE,
  quotePlanChange,
} from "@/lib/billing/plan-changes-pricing";

const kst = (s: string) => new Date(`${s}+09:00`);
const monthly = (amount: number, amountTaxFree = 0) =>
  ({ amount, amountTaxFree, interval: "month", intervalCount: 1 }) as const;
const yearly = (amount: number) =>
  ({ amount, amountTaxFree: 0, interval: "year", intervalCount: 1 }) as const;

// A 30-day period (April), so fractions are easy to check by hand.
const periodStart = kst("2027-04-01T00:00:00");
const periodEnd = kst("2027-05-01T00:00:00");

describe("quotePlanChange", () => {
  it("upgrade: the difference for the seconds remaining, rounded down to the won", () => {
    // 10 days and 1 second left of 30 days: (19,900 − 9,900) × 864001 / 2592000 = 3333.337… → 3333
    const now = new Date(kst("2027-04-21T00:00:00").getTime() - 1000);
    const quote = quotePlanChange({
      current: monthly(9_900),
      target: monthly(19_900),
      periodStart,
      periodEnd,
      now,
    });
    expect(quote).toEqual({
      kind: "upgrade",
      effectiveAt: now,
      chargeNow: 3_333,
      chargeTaxFree: 0,
      waived: 0,
    });
  });

  it("upgrade: the tax-free part is prorated the same way and never exceeds the charge", () => {
    const quote = quotePlanChange({
      current: monthly(10_000, 10_000),
      target: monthly(40_000, 40_000),
      periodStart,
      periodEnd,
      now: kst("2027-04-16T00:00:00"),
    });
    expect(quote).toMatchObject({ kind: "upgrade", chargeNow: 15_000, chargeTaxFree: 15_000 });
  });

  it("upgrade: a difference below the provider minimum is not charged", () => {
    const quote = quotePlanChange({
      current: monthly(9_900),
      target: monthly(10_900),
      periodStart,
      periodEnd,
      now: kst("2027-04-30T22:00:00"), // 2 hours left → 2원
    });
    expect(quote).toMatchObject({ kind: "upgrade", chargeNow: 0, waived: 2 });
    expect(2).toBeLessThan(MINIMUM_CHARGE);
  });

  it("downgrade and same-price changes charge nothing now", () => {
    const now = kst("2027-04-10T00:00:00");
    expect(
      quotePlanChange({
        current: monthly(19_900),
        target: monthly(9_900),
        periodStart,
        periodEnd,
        now,
      }),
    ).toEqual({ kind: "downgrade", effectiveAt: periodEnd, chargeNow: 0 });
    expect(
      quotePlanChange({
        current: monthly(9_900),
        target: monthly(9_900),
        periodStart,
        periodEnd,
        now,
      }),
    ).toEqual({ kind: "lateral", effectiveAt: now, chargeNow: 0 });
  });

  it("monthly → yearly: a new period from now, crediting the unused part of the month", () => {
    const now = kst("2027-04-11T00:00:00"); // 20 of 30 days unused → credit 6,600 of 9,900
    const quote = quotePlanChange({
      current: monthly(9_900),
      target: yearly(99_000),
      periodStart,
      periodEnd,
      now,
    });
    expect(quote).toEqual({
      kind: "interval_change",
      effectiveAt: now,
      chargeNow: 99_000 - 6_600,
      chargeTaxFree: 0,
      credit: 6_600,
      newPeriodStart: now,
      newPeriodEnd: kst("2028-04-11T00:00:00"),
    });
  });

  it("yearly → monthly waits for the end of the paid year", () => {
    const end = kst("2028-04-01T00:00:00");
    const quote = quotePlanChange({
      current: yearly(99_000),
      target: monthly(9_900),
      periodStart,
      periodEnd: end,
      now: kst("2027-06-01T00:00:00"),
    });
    expect(quote).toEqual({ kind: "downgrade", effectiveAt: end, chargeNow: 0 });
  });

  it("a longer period cheaper than the credit is not started now", () => {
    const quote = quotePlanChange({
      current: monthly(90_000),
      target: { amount: 50_000, amountTaxFree: 0, interval: "month", intervalCount: 3 },
      periodStart,
      periodEnd,
      now: kst("2027-04-02T00:00:00"),
    });
    expect(quote.kind).toBe("downgrade");
  });

  it("12 months and 1 year are the same length", () => {
    expect(
      comparePeriodLength(
        { interval: "month", intervalCount: 12 },
        { interval: "year", intervalCount: 1 },
      ),
    ).toBe(0);
    expect(
      comparePeriodLength(
        { interval: "week", intervalCount: 1 },
        { interval: "month", intervalCount: 1 },
      ),
    ).toBe(-1);
  });
});
