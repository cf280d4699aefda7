export { formatKRW } from "./krw";
export {
  formatBillingInterval,
  formatPlanPrice,
  formatPriceSuffix,
  formatTrial,
  type PlanPricing,
} from "./plan-price";
export { formatSeoulDate, formatSeoulDateTime, seoulDateKey } from "./seoul-date";
