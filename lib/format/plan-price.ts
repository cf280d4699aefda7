import type { Plan } from "@/lib/db/schema";
import { formatKRW } from "./krw";

type BillingInterval = Plan["interval"];
export type PlanPricing = Pick<Plan, "amount" | "interval" | "intervalCount">;

// The word before a price charged once per single interval: "월 9,900원", "연 199,000원".
const PER_ONE: Record<BillingInterval, string> = {
  day: "하루",
  week: "주",
  month: "월",
  year: "연",
};
const SPAN: Record<BillingInterval, (count: number) => string> = {
  day: (n) => `${n}일`,
  week: (n) => `${n}주`,
  month: (n) => `${n}개월`,
  year: (n) => `${n}년`,
};
const EVERY_ONE: Record<BillingInterval, string> = {
  day: "매일",
  week: "매주",
  month: "매월",
  year: "매년",
};

function assertIntervalCount(count: number): void {
  // Mirrors the plans_interval_count_positive check constraint.
  if (!Number.isInteger(count) || count < 1 || count > 36) {
    throw new RangeError(`interval count must be an integer from 1 to 36, got ${String(count)}`);
  }
}

/** "매월", "매년", "3개월마다", "2주마다": how often the plan charges. */
export function formatBillingInterval(interval: BillingInterval, intervalCount: number): string {
  assertIntervalCount(intervalCount);
  return intervalCount === 1 ? EVERY_ONE[interval] : `${SPAN[interval](intervalCount)}마다`;
}

/**
 * The words before a price, saying how often it is charged: "월", "연", "주", "하루" for a single
 * interval; "3개월마다", "2주마다" otherwise, because "3개월 27,000원" could be misread as a
 * one-off price for three months.
 */
export function formatPricePeriod(interval: BillingInterval, intervalCount: number): string {
  assertIntervalCount(intervalCount);
  return intervalCount === 1 ? PER_ONE[interval] : formatBillingInterval(interval, intervalCount);
}

/** "월 9,900원", "연 199,000원", "3개월마다 27,000원": the price with how often it is charged. */
export function formatPlanPrice(plan: PlanPricing): string {
  return `${formatPricePeriod(plan.interval, plan.intervalCount)} ${formatKRW(plan.amount)}`;
}

/** "14일 무료 체험", or null when the plan has no trial. */
export function formatTrial(trialDays: number): string | null {
  if (!Number.isInteger(trialDays) || trialDays < 0) {
    throw new RangeError(`trial days must be a non-negative integer, got ${String(trialDays)}`);
  }
  return trialDays === 0 ? null : `${trialDays}일 무료 체험`;
}
