import type { Plan } from "@/lib/db/schema";
import { formatKRW } from "./krw";

type BillingInterval = Plan["interval"];
export type PlanPricing = Pick<Plan, "amount" | "interval" | "intervalCount">;

const UNIT: Record<BillingInterval, string> = { day: "일", week: "주", month: "월", year: "년" };
// How a count of the interval reads in Korean: 3개월, 2주, 2년, 10일.
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
 * The suffix shown after a price: "/월", "/년" for a single interval; " / 3개월마다" otherwise,
 * because "₩27,000/3개월" is easy to misread as a monthly price.
 */
export function formatPriceSuffix(interval: BillingInterval, intervalCount: number): string {
  assertIntervalCount(intervalCount);
  return intervalCount === 1
    ? `/${UNIT[interval]}`
    : ` / ${formatBillingInterval(interval, intervalCount)}`;
}

/** "₩9,900/월", "₩199,000/년", "₩27,000 / 3개월마다". */
export function formatPlanPrice(plan: PlanPricing): string {
  return `${formatKRW(plan.amount)}${formatPriceSuffix(plan.interval, plan.intervalCount)}`;
}

/** "14일 무료 체험", or null when the plan has no trial. */
export function formatTrial(trialDays: number): string | null {
  if (!Number.isInteger(trialDays) || trialDays < 0) {
    throw new RangeError(`trial days must be a non-negative integer, got ${String(trialDays)}`);
  }
  return trialDays === 0 ? null : `${trialDays}일 무료 체험`;
}
