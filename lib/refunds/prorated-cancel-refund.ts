import { prorateByDays, prorationDays } from "@/lib/billing/periods";

// "지금 해지하고 남은 기간 환불": what a customer gets back for the unused part of a paid period.
// The same rounding policy as plan-change differences (issue 13): whole remaining days in Seoul
// time, rounded DOWN to 10원, so the amount reads as a price ("남은 12일치 3,960원"), never as
// a bug ("3,967원"), and the merchant never gives back more than the days left are worth.
//
// Days are Seoul calendar days. A period from 12월 6일 to 1월 6일 has 31 days (12월 6일 … 1월 5일;
// 1월 6일 belongs to the next period). Today counts as used: cancelling on 12월 6일 returns 30
// days, on 1월 5일 (the last day) nothing.

export type ProratedRefund = {
  amount: number; // KRW, a multiple of 10, ≤ refundable
  remainingDays: number;
  daysInPeriod: number;
};

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
  // The same day count and rounding as a plan change's credit (lib/billing/periods.ts).
  const days = prorationDays(periodStart, periodEnd, now, "used");
  const byDays = prorateByDays(paid, days);
  return { amount: Math.min(byDays, refundable), ...days };
}
