import type { Plan } from "@/lib/db/schema";
import { formatKRW, seoulDateKey, formatSeoulDate } from "@/lib/format";
import { addSeoulDays, periodBoundary } from "./periods";

// The recurring-payment agreement a customer ticks at checkout, saying exactly what will happen:
// how much, on which day first and on which days after, through which method, and how to stop.
// The words are built here once; the page shows them and the server stores the same string with
// the consent record (docs/billing.md, consent law), after checking the form sent exactly what
// this builds for the same facts (a midnight or a price change between render and submit makes
// the customer read the new wording first).

export type ConsentPlanTerms = Pick<
  Plan,
  "name" | "amount" | "amountTaxFree" | "interval" | "intervalCount" | "trialDays"
>;

export type RecurringConsentWording = {
  text: string;
  // When the first charge happens: now (paid start) or the trial's end.
  firstChargeAt: Date;
  // The charge after it: the second period boundary from the first charge.
  secondChargeAt: Date;
};

/** "(부가세 포함)", "(면세)" or "(면세 3,000원 포함)": how the price is taxed. */
export function taxNote(plan: Pick<Plan, "amount" | "amountTaxFree">): string {
  if (plan.amountTaxFree <= 0) return "(부가세 포함)";
  if (plan.amountTaxFree >= plan.amount) return "(면세)";
  return `(부가세·면세 ${formatKRW(plan.amountTaxFree)} 포함)`;
}

const WEEKDAYS = ["일", "월", "화", "수", "목", "금", "토"];

/**
 * "매월 6일", "3개월마다 31일(31일이 없는 달은 말일)", "매년 2월 29일(없는 해는 2월 28일)",
 * "매주 일요일", "매일": the days after the first charge, from the anchor as the engine computes
 * its boundaries (periods.ts: month arithmetic clamps to the month's end and returns to the
 * anchor's day).
 */
export function chargeSchedulePhrase(
  anchor: Date,
  interval: Plan["interval"],
  intervalCount: number,
): string {
  const [year, month, day] = seoulDateKey(anchor).split("-").map(Number) as [
    number,
    number,
    number,
  ];
  const every = (unit: string, one: string) =>
    intervalCount === 1 ? one : `${intervalCount}${unit}마다`;
  switch (interval) {
    case "day":
      return every("일", "매일");
    case "week": {
      const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] ?? "";
      return `${every("주", "매주")} ${weekday}요일`;
    }
    case "month":
      return `${every("개월", "매월")} ${day}일${day >= 29 ? `(${day}일이 없는 달은 말일)` : ""}`;
    case "year":
      return `${every("년", "매년")} ${month}월 ${day}일${
        month === 2 && day === 29 ? "(없는 해는 2월 28일)" : ""
      }`;
  }
}

/**
 * The agreement's words for a checkout now. `trialDays` is the trial this customer is offered
 * (0 when the plan has none or the customer already had one); `methodPhrase` names the method
 * with its particle ("토스페이로", "토스페이먼츠에 등록한 카드로").
 */
export function recurringConsentWording(input: {
  plan: ConsentPlanTerms;
  trialDays: number;
  methodPhrase: string;
  now: Date;
}): RecurringConsentWording {
  const { plan, trialDays, methodPhrase, now } = input;
  const price = `${plan.name} ${formatKRW(plan.amount)}${taxNote(plan)}`;
  // The engine's own rules: a trial ends trialDays Seoul days later (trial_started), and every
  // later charge is a period boundary from the first one (period_paid anchors there).
  const firstChargeAt = trialDays > 0 ? addSeoulDays(now, trialDays) : now;
  const secondChargeAt = periodBoundary(firstChargeAt, plan.interval, plan.intervalCount, 1);
  const schedule = chargeSchedulePhrase(firstChargeAt, plan.interval, plan.intervalCount);
  const text =
    trialDays > 0
      ? `오늘은 결제되지 않아요. ${trialDays}일 무료 체험이 끝나는 ${formatSeoulDate(firstChargeAt)}에 ${price}이 ${methodPhrase} 처음 결제되고, 이후 ${schedule} 같은 금액이 자동결제돼요. 유료로 바뀌기 전에 다시 동의를 받고, 동의하지 않으면 결제되지 않아요. 내 구독에서 언제든 해지할 수 있어요.`
      : `${price}이 오늘 결제되고, 이후 ${schedule} 같은 금액이 ${methodPhrase} 자동결제돼요. 내 구독에서 언제든 해지할 수 있어요.`;
  return { text, firstChargeAt, secondChargeAt };
}
