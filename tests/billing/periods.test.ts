import { describe, expect, it } from "vitest";
import {
  addSeoulDays,
  nextBoundaryAfter,
  periodBoundary,
  proratedUpgradeAmount,
} from "@/lib/billing/periods";
import { seoulDateKey } from "@/lib/format";

// Helper: an instant given as Seoul local time.
const kst = (s: string) => new Date(`${s}+09:00`);

describe("periodBoundary", () => {
  it("clamps month ends and returns to the anchor day", () => {
    const anchor = kst("2027-01-31T10:00:00");
    const dates = [0, 1, 2, 3, 4].map((i) => seoulDateKey(periodBoundary(anchor, "month", 1, i)));
    expect(dates).toEqual(["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
  });

  it("uses 29 February in leap years", () => {
    const anchor = kst("2027-12-31T00:30:00");
    expect(periodBoundary(anchor, "month", 2, 1)).toEqual(kst("2028-02-29T00:30:00"));
  });

  it("keeps the Seoul time of day even when UTC is on another date", () => {
    // 00:30 KST on the 1st is 15:30 UTC on the last day of the previous month.
    const anchor = kst("2027-03-01T00:30:00");
    expect(periodBoundary(anchor, "month", 1, 1)).toEqual(kst("2027-04-01T00:30:00"));
    expect(seoulDateKey(anchor)).toBe("2027-03-01");
  });

  it("handles yearly anchors on 29 February", () => {
    const anchor = kst("2028-02-29T09:00:00");
    expect(periodBoundary(anchor, "year", 1, 1)).toEqual(kst("2029-02-28T09:00:00"));
    expect(periodBoundary(anchor, "year", 1, 4)).toEqual(kst("2032-02-29T09:00:00"));
  });

  it("supports day, week and multi-month counts", () => {
    const anchor = kst("2027-01-15T12:00:00");
    expect(periodBoundary(anchor, "day", 10, 2)).toEqual(kst("2027-02-04T12:00:00"));
    expect(periodBoundary(anchor, "week", 2, 1)).toEqual(kst("2027-01-29T12:00:00"));
    expect(periodBoundary(anchor, "month", 3, 1)).toEqual(kst("2027-04-15T12:00:00"));
  });

  it("rejects bad counts and indexes", () => {
    const anchor = kst("2027-01-15T12:00:00");
    expect(() => periodBoundary(anchor, "month", 0, 1)).toThrow(RangeError);
    expect(() => periodBoundary(anchor, "month", 1, -1)).toThrow(RangeError);
  });
});

describe("nextBoundaryAfter", () => {
  it("finds the next boundary of the anchor's series, not of the clamped date", () => {
    const anchor = kst("2027-01-31T10:00:00");
    const feb = kst("2027-02-28T10:00:00");
    expect(nextBoundaryAfter(anchor, "month", 1, feb)).toEqual(kst("2027-03-31T10:00:00"));
  });

  it("is exact far from the anchor", () => {
    const anchor = kst("2027-01-31T10:00:00");
    for (let i = 0; i < 120; i++) {
      const b = periodBoundary(anchor, "month", 1, i);
      expect(nextBoundaryAfter(anchor, "month", 1, b)).toEqual(
        periodBoundary(anchor, "month", 1, i + 1),
      );
    }
  });
});

describe("addSeoulDays", () => {
  it("keeps local time across month ends", () => {
    expect(addSeoulDays(kst("2027-02-27T09:00:00"), 3)).toEqual(kst("2027-03-02T09:00:00"));
  });
});

describe("proratedUpgradeAmount", () => {
  const periodStart = kst("2027-01-01T00:00:00");
  const periodEnd = kst("2027-01-31T00:00:00"); // 30 days

  it("charges the difference for the seconds remaining, rounded down", () => {
    const now = kst("2027-01-21T00:00:00"); // 10 of 30 days left
    expect(
      proratedUpgradeAmount({ oldAmount: 9_900, newAmount: 19_900, periodStart, periodEnd, now }),
    ).toBe(3_333);
  });

  it("charges nothing for a downgrade or at the period end", () => {
    expect(
      proratedUpgradeAmount({
        oldAmount: 19_900,
        newAmount: 9_900,
        periodStart,
        periodEnd,
        now: periodStart,
      }),
    ).toBe(0);
    expect(
      proratedUpgradeAmount({
        oldAmount: 9_900,
        newAmount: 19_900,
        periodStart,
        periodEnd,
        now: periodEnd,
      }),
    ).toBe(0);
  });

  it("stays exact for large amounts", () => {
    const yearStart = kst("2027-01-01T00:00:00");
    const yearEnd = kst("2028-01-01T00:00:00");
    const now = kst("2027-07-02T12:00:00");
    const amount = proratedUpgradeAmount({
      oldAmount: 0,
      newAmount: 1_000_000_000,
      periodStart: yearStart,
      periodEnd: yearEnd,
      now,
    });
    const secondsLeft = (yearEnd.getTime() - now.getTime()) / 1000;
    const total = (yearEnd.getTime() - yearStart.getTime()) / 1000;
    expect(amount).toBe(Number((1_000_000_000n * BigInt(secondsLeft)) / BigInt(total)));
  });

  it("rejects non-integer money", () => {
    expect(() =>
      proratedUpgradeAmount({
        oldAmount: 9.5,
        newAmount: 10,
        periodStart,
        periodEnd,
        now: periodStart,
      }),
    ).toThrow(RangeError);
  });
});
