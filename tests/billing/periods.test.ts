import { describe, expect, it } from "vitest";
import {
  addSeoulDays,
  nextBoundaryAfter,
  periodBoundary,
  prorateByDays,
  prorationDays,
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

describe("prorationDays and prorateByDays", () => {
  // 12월 6일 10:00 → 1월 6일 10:00: 31 Seoul days (1월 6일 belongs to the next period).
  const periodStart = kst("2026-12-06T10:00:00");
  const periodEnd = kst("2027-01-06T10:00:00");

  it("counts whole Seoul days, today ahead for an upgrade and used for a credit", () => {
    const now = kst("2026-12-06T15:00:00");
    expect(prorationDays(periodStart, periodEnd, now, "ahead")).toEqual({
      remainingDays: 31,
      daysInPeriod: 31,
    });
    expect(prorationDays(periodStart, periodEnd, now, "used")).toEqual({
      remainingDays: 30,
      daysInPeriod: 31,
    });
    // 1월 5일, the last day: one day ahead for an upgrade, nothing left to credit.
    const lastDay = kst("2027-01-05T23:59:00");
    expect(prorationDays(periodStart, periodEnd, lastDay, "ahead").remainingDays).toBe(1);
    expect(prorationDays(periodStart, periodEnd, lastDay, "used").remainingDays).toBe(0);
    // Seoul dates, not UTC: 1월 6일 00:30 KST is still 1월 5일 in UTC.
    expect(prorationDays(periodStart, periodEnd, kst("2027-01-06T00:30:00"), "ahead")).toEqual({
      remainingDays: 0,
      daysInPeriod: 31,
    });
  });

  it("charges the difference for the days left, rounded down to 10원", () => {
    const days = prorationDays(periodStart, periodEnd, kst("2026-12-26T09:00:00"), "ahead");
    expect(days).toEqual({ remainingDays: 11, daysInPeriod: 31 });
    // 10,000 × 11 / 31 = 3,548.38… → 3,540원.
    expect(prorateByDays(10_000, days)).toBe(3_540);
    // The tax-free part inside it is rounded to the won.
    expect(prorateByDays(10_000, days, 1)).toBe(3_548);
    // The whole period: the whole difference.
    expect(prorateByDays(10_000, { remainingDays: 31, daysInPeriod: 31 })).toBe(10_000);
    expect(prorateByDays(10_000, { remainingDays: 0, daysInPeriod: 31 })).toBe(0);
  });

  it("stays exact for large amounts and refuses non-integer won", () => {
    const days = { remainingDays: 183, daysInPeriod: 365 };
    expect(prorateByDays(1_000_000_000, days)).toBe(
      Math.floor((1_000_000_000 * 183) / 365 / 10) * 10,
    );
    expect(() => prorateByDays(9_900.5, days)).toThrow(RangeError);
    expect(() => prorateByDays(-1, days)).toThrow(RangeError);
  });
});
