export { formatKRW } from "./krw";
export { formatTaxNote } from "./tax-note";
export {
  formatBillingInterval,
  formatPlanPrice,
  formatPricePeriod,
  formatTrial,
  type PlanPricing,
} from "./plan-price";
export {
  formatSeoulDate,
  formatSeoulDateTime,
  nextSeoulDay,
  seoulDateKey,
  seoulDayAtTimeOf,
  seoulDayEnd,
  seoulDayStart,
  seoulTimestamp,
} from "./seoul-date";
