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
  it("upgrade: the difference for the whole Seoul days left, today included, down to 10원", () => {
    // 4월 20일 23:59: 4월 20일 … 4월 30일 is 11 of 30 days → 10,000 × 11 / 30 = 3,666.6… → 3,660
    const now = new Date(kst("2027-04-21T00:00:00").getTime() - 60_000);
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
      chargeNow: 3_660,
      chargeTaxFree: 0,
      waived: 0,
      days: { remainingDays: 11, daysInPeriod: 30 },
    });
    // A minute later it is 4월 21일: one day fewer.
    const next = quotePlanChange({
      current: monthly(9_900),
      target: monthly(19_900),
      periodStart,
      periodEnd,
      now: kst("2027-04-21T00:00:00"),
    });
    expect(next).toMatchObject({ chargeNow: 3_330, days: { remainingDays: 10 } });
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
      now: kst("2027-04-30T22:00:00"), // the last day: 1,000 × 1 / 30 → 30원
    });
    expect(quote).toMatchObject({ kind: "upgrade", chargeNow: 0, waived: 30 });
    expect(30).toBeLessThan(MINIMUM_CHARGE);
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
    // 4월 11일 is used; 4월 12일 … 4월 30일, 19 of 30 days, are credited: 9,900 × 19 / 30 = 6,270
    const now = kst("2027-04-11T00:00:00");
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
      chargeNow: 99_000 - 6_270,
      chargeTaxFree: 0,
      credit: 6_270,
      creditDays: { remainingDays: 19, daysInPeriod: 30 },
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
