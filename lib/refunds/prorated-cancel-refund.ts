import { seoulDateKey } from "@/lib/format";

// "지금 해지하고 남은 기간 환불": what a customer gets back for the unused part of a paid period.
// The same rounding policy as plan-change differences (issue 13): whole remaining days in Seoul
// time, rounded DOWN to 10원, so the amount reads as a price ("남은 12일치 3,960원"), never as
// a bug ("3,967원"), and the merchant never gives back more than the days left are worth.
//
// Days are Seoul calendar days. A period from 12월 6일 to 1월 6일 has 31 days (12월 6일 … 1월 5일;
// 1월 6일 belongs to the next period). Today counts as used: cancelling on 12월 6일 returns 30
// days, on 1월 5일 (the last day) nothing.

const DAY_MS = 24 * 60 * 60 * 1000;

export type ProratedRefund = {
  amount: number; // KRW, a multiple of 10, ≤ refundable
  remainingDays: number;
  daysInPeriod: number;
};

/** Days from Seoul date `from` to Seoul date `to` (both yyyy-MM-dd). */
function seoulDaysBetween(from: Date, to: Date): number {
  const a = Date.parse(`${seoulDateKey(from)}T00:00:00Z`);
  const b = Date.parse(`${seoulDateKey(to)}T00:00:00Z`);
  return Math.round((b - a) / DAY_MS);
}

export function proratedCancelRefund(input: {
  periodStart: Date;
  periodEnd: Date;
  // KRW paid for the period.
  paid: number;
  // KRW still refundable on that payment (paid minus earlier refunds).
  refundable: number;
  now: Date;
}): ProratedRefund {
  const { periodStart, periodEnd, paid, refundable, now } = input;
  for (const [name, value] of [
    ["paid", paid],
    ["refundable", refundable],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 0)
      throw new RangeError(`${name} must be integer KRW`);
  }
  const daysInPeriod = seoulDaysBetween(periodStart, periodEnd);
  if (daysInPeriod <= 0) return { amount: 0, remainingDays: 0, daysInPeriod: 0 };
  const remainingDays = Math.min(
    daysInPeriod,
    Math.max(0, seoulDaysBetween(now < periodStart ? periodStart : now, periodEnd) - 1),
  );
  // paid × remainingDays stays far below 2^53 for any real price (₩10억 × 366).
  const byDays = Math.floor((paid * remainingDays) / daysInPeriod / 10) * 10;
  return { amount: Math.min(byDays, refundable), remainingDays, daysInPeriod };
}
