import { describe, expect, it } from "vitest";
import { proratedCancelRefund } from "@/lib/refunds/prorated-cancel-refund";

const kst = (s: string) => new Date(`${s}+09:00`);
// 12월 6일 15:00 → 1월 6일 15:00: 31 Seoul days.
const period = { periodStart: kst("2026-12-06T15:00:00"), periodEnd: kst("2027-01-06T15:00:00") };

function refund(now: string, paid = 9_900, refundable = paid) {
  return proratedCancelRefund({ ...period, paid, refundable, now: kst(now) });
}

describe("proratedCancelRefund", () => {
  it("returns whole remaining days × price ÷ days, rounded down to 10원", () => {
    // On 12월 24일: 12월 25일 … 1월 5일 remain = 12 days. 9,900 × 12 / 31 = 3,832.2 → 3,830.
    expect(refund("2026-12-24T10:00:00")).toEqual({
      amount: 3_830,
      remainingDays: 12,
      daysInPeriod: 31,
    });
  });

  it("gives nearly everything back on the first day (today counts as used)", () => {
    // 9,900 × 30 / 31 = 9,580.6 → 9,580.
    expect(refund("2026-12-06T15:00:01")).toMatchObject({ amount: 9_580, remainingDays: 30 });
    expect(refund("2026-12-06T23:59:59")).toMatchObject({ amount: 9_580, remainingDays: 30 });
  });

  it("gives nothing on the last day and after the period", () => {
    expect(refund("2027-01-05T00:00:00")).toMatchObject({ amount: 0, remainingDays: 0 });
    expect(refund("2027-01-06T10:00:00")).toMatchObject({ amount: 0, remainingDays: 0 });
    expect(refund("2027-02-01T10:00:00")).toMatchObject({ amount: 0, remainingDays: 0 });
  });

  it("changes at Seoul midnight, not UTC midnight", () => {
    expect(refund("2026-12-24T23:59:59").remainingDays).toBe(12);
    expect(refund("2026-12-25T00:00:00").remainingDays).toBe(11);
    // 08:59 KST is still the previous UTC day, but already 12월 25일 in Seoul.
    expect(refund("2026-12-25T08:59:00").remainingDays).toBe(11);
  });

  it("is always integer won, a multiple of 10, and never more than is still refundable", () => {
    for (let day = 6; day <= 36; day += 1) {
      const date = new Date(period.periodStart.getTime() + (day - 6) * 86_400_000);
      const { amount } = proratedCancelRefund({
        ...period,
        paid: 14_990,
        refundable: 14_990,
        now: date,
      });
      expect(Number.isSafeInteger(amount)).toBe(true);
      expect(amount % 10).toBe(0);
      expect(amount).toBeLessThanOrEqual(14_990);
    }
    // An earlier partial refund caps it.
    expect(refund("2026-12-07T10:00:00", 9_900, 2_000)).toMatchObject({ amount: 2_000 });
  });

  it("handles a February period and a yearly one", () => {
    const feb = { periodStart: kst("2027-01-31T09:00:00"), periodEnd: kst("2027-02-28T09:00:00") };
    expect(
      proratedCancelRefund({
        ...feb,
        paid: 28_000,
        refundable: 28_000,
        now: kst("2027-02-13T12:00:00"),
      }),
    ).toEqual({ amount: 14_000, remainingDays: 14, daysInPeriod: 28 });
    const year = { periodStart: kst("2026-12-06T15:00:00"), periodEnd: kst("2027-12-06T15:00:00") };
    expect(
      proratedCancelRefund({
        ...year,
        paid: 99_000,
        refundable: 99_000,
        now: kst("2026-12-06T16:00:00"),
      }),
    ).toEqual({ amount: 98_720, remainingDays: 364, daysInPeriod: 365 });
  });

  it("refuses fractional money", () => {
    expect(() => refund("2026-12-07T10:00:00", 99.5)).toThrow(RangeError);
  });
});
