// Period arithmetic for anniversary billing (docs/billing.md "Periods and dates").
//
// Every boundary is computed from the billing anchor, never from the previous boundary, so
// month-end clamping cannot drift: anchor 31 Jan → 28/29 Feb → 31 Mar → 30 Apr → 31 May.
// Business dates are Asia/Seoul. Korea has had no daylight saving time since 1988, so Seoul
// local time is UTC+9 all year and "same local time on another day" is exact arithmetic.

export type BillingInterval = "day" | "week" | "month" | "year";

const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

type LocalParts = { year: number; month: number; day: number; timeOfDayMs: number };

function toSeoulParts(instant: Date): LocalParts {
  const local = new Date(instant.getTime() + SEOUL_OFFSET_MS);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth(),
    day: local.getUTCDate(),
    timeOfDayMs: local.getTime() - midnight,
  };
}

function fromSeoulParts({ year, month, day, timeOfDayMs }: LocalParts): Date {
  return new Date(Date.UTC(year, month, day) + timeOfDayMs - SEOUL_OFFSET_MS);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

function addMonthsClamped(anchor: Date, months: number): Date {
  const a = toSeoulParts(anchor);
  const total = a.year * 12 + a.month + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12;
  const day = Math.min(a.day, daysInMonth(year, month));
  return fromSeoulParts({ year, month, day, timeOfDayMs: a.timeOfDayMs });
}

/**
 * The `index`-th period boundary after `anchor` (index 0 is the anchor itself) for a plan
 * billed every `count` × `interval`.
 */
export function periodBoundary(
  anchor: Date,
  interval: BillingInterval,
  count: number,
  index: number,
): Date {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`Bad interval count ${count}`);
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`Bad period index ${index}`);
  const steps = count * index;
  switch (interval) {
    case "day":
      return new Date(anchor.getTime() + steps * DAY_MS);
    case "week":
      return new Date(anchor.getTime() + steps * 7 * DAY_MS);
    case "month":
      return addMonthsClamped(anchor, steps);
    case "year":
      return addMonthsClamped(anchor, steps * 12);
  }
}

/** The first boundary of the anchor's series that is strictly after `after`. */
export function nextBoundaryAfter(
  anchor: Date,
  interval: BillingInterval,
  count: number,
  after: Date,
): Date {
  if (after < anchor) return anchor;
  // Estimate the index from the average period length, then step to the exact one; month
  // clamping moves a boundary by at most three days, so this loops a couple of times at most.
  const approxMs = {
    day: DAY_MS,
    week: 7 * DAY_MS,
    month: 30.436875 * DAY_MS,
    year: 365.2425 * DAY_MS,
  }[interval];
  let index = Math.max(
    0,
    Math.floor((after.getTime() - anchor.getTime()) / (approxMs * count)) - 1,
  );
  while (periodBoundary(anchor, interval, count, index) > after && index > 0) index -= 1;
  while (periodBoundary(anchor, interval, count, index) <= after) index += 1;
  return periodBoundary(anchor, interval, count, index);
}

/** The same Seoul local time `days` business days later (dunning retries: D+1, D+3, …). */
export function addSeoulDays(instant: Date, days: number): Date {
  return new Date(instant.getTime() + days * DAY_MS);
}

/** Seoul calendar days from the date `from` falls on to the date `to` falls on. */
export function seoulDaysBetween(from: Date, to: Date): number {
  const dayOf = (instant: Date) => Math.floor((instant.getTime() + SEOUL_OFFSET_MS) / DAY_MS);
  return dayOf(to) - dayOf(from);
}

/** A period's length and what is left of it, in whole Seoul calendar days. */
export type ProrationDays = { remainingDays: number; daysInPeriod: number };

/**
 * The whole Seoul days of a period still left at `now` (docs/billing.md "Plan changes"). A period
 * from 12월 6일 to 1월 6일 has 31 days: 1월 6일 belongs to the next one. `today` says whether the
 * day `now` falls on is still ahead (an upgrade: the better plan is used from today, so today is
 * charged) or already used (a credit or a refund: the old plan served today, so today is not
 * given back). Both readings favour neither side by more than one day's price.
 */
export function prorationDays(
  periodStart: Date,
  periodEnd: Date,
  now: Date,
  today: "ahead" | "used",
): ProrationDays {
  const daysInPeriod = Math.max(0, seoulDaysBetween(periodStart, periodEnd));
  const from = now < periodStart ? periodStart : now;
  const ahead =
    seoulDaysBetween(from, periodEnd) - (today === "used" && now >= periodStart ? 1 : 0);
  return { remainingDays: Math.min(daysInPeriod, Math.max(0, ahead)), daysInPeriod };
}

/**
 * `amount` KRW for the remaining days, rounded down to `unit` won: 10 for what a customer is
 * charged or given back ("남은 31일치 차액 10,000원" reads as a price, "9,999원" as a bug), 1 for
 * the tax-free part inside it.
 */
export function prorateByDays(amount: number, days: ProrationDays, unit = 10): number {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw new RangeError(`amount must be integer KRW, got ${amount}`);
  }
  if (days.daysInPeriod <= 0 || days.remainingDays <= 0) return 0;
  // amount × days stays far below 2^53 for any real price (10억원 × 366 days).
  return Math.floor((amount * days.remainingDays) / days.daysInPeriod / unit) * unit;
}
