import { seoulDateKey, seoulDayEnd } from "@/lib/format";

// 청약철회 window (전자상거래법 §17①: "7일 이내"; the merchant may give more days, never fewer
// is their business, so the number is a setting). Counted in Seoul calendar days the way 민법
// §157 counts a period of days: the day of the first charge is not counted, and the period ends
// at the end of its last day. A first charge approved on 12월 1일 at any hour with 7 days can be
// withdrawn until 12월 8일 23:59:59 KST.
//
// "First charge" = the approval of the subscription's first paid period (a trial's first charge is
// the one at trial end: a free trial is not a purchase to withdraw from).

const DAY_MS = 24 * 60 * 60 * 1000;

export type WithdrawalWindow = {
  /** When the first charge was approved: the window opens. */
  opensAt: Date;
  /** The last Seoul calendar day a withdrawal is accepted ("2026-12-08"). */
  lastDay: string;
  /** The first instant it is no longer accepted (the Seoul midnight after lastDay). */
  closesAt: Date;
};

export function withdrawalWindow(firstChargeApprovedAt: Date, days: number): WithdrawalWindow {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`Bad withdrawal days ${days}`);
  // Seoul has no daylight saving time: adding whole days of milliseconds lands on the same
  // Seoul time of day, so its calendar date is `days` dates later.
  const lastDay = seoulDateKey(new Date(firstChargeApprovedAt.getTime() + days * DAY_MS));
  return { opensAt: firstChargeApprovedAt, lastDay, closesAt: seoulDayEnd(lastDay) };
}

export function isWithinWithdrawalWindow(window: WithdrawalWindow, now: Date): boolean {
  return now >= window.opensAt && now < window.closesAt;
}
