import { z } from "zod";
import { seoulBusinessDate } from "@/lib/billing/periods";

// Admins pick billing dates as Seoul calendar days (billing.md: business dates are Asia/Seoul).
// Korea has no daylight saving time, so a Seoul wall-clock time is UTC+9 all year.
const SEOUL_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export const seoulDaySchema = z
  .string({ error: "날짜를 선택해 주세요." })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "날짜를 YYYY-MM-DD 형식으로 입력해 주세요.")
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, "있는 날짜를 입력해 주세요.");

/** The instant on Seoul day `day` (yyyy-MM-dd) at the Seoul time of day of `timeOf`. */
export function seoulDayAtTimeOf(day: string, timeOf: Date): Date {
  const timeOfDayMs = (((timeOf.getTime() + SEOUL_OFFSET_MS) % DAY_MS) + DAY_MS) % DAY_MS;
  return new Date(Date.parse(`${day}T00:00:00Z`) + timeOfDayMs - SEOUL_OFFSET_MS);
}

/** yyyy-MM-dd of the Seoul day after `instant`'s. */
export function nextSeoulDay(instant: Date): string {
  return seoulBusinessDate(new Date(instant.getTime() + DAY_MS));
}
