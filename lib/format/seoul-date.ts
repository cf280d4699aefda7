// Business dates (billing day, receipts, "next charge on …") are shown in Asia/Seoul whatever
// the server's or the browser's time zone is (billing.md "Periods and dates").
const SEOUL_PARTS = new Intl.DateTimeFormat("en-US", {
  timeZone: "Asia/Seoul",
  year: "numeric",
  month: "numeric",
  day: "numeric",
  hour: "numeric",
  minute: "numeric",
  hourCycle: "h23",
});

type SeoulParts = { year: string; month: string; day: string; hour: string; minute: string };

function seoulParts(value: Date | string): SeoulParts {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`not a valid date: ${String(value)}`);
  }
  // Built from numeric parts rather than the ko-KR pattern so the output does not depend on
  // the ICU version's wording.
  const parts = Object.fromEntries(
    SEOUL_PARTS.formatToParts(date).map((p) => [p.type, p.value]),
  ) as Partial<SeoulParts>;
  return {
    year: parts.year ?? "",
    month: parts.month ?? "",
    day: parts.day ?? "",
    hour: (parts.hour ?? "").padStart(2, "0"),
    minute: (parts.minute ?? "").padStart(2, "0"),
  };
}

/** "2026년 2월 1일" for the Seoul calendar day of the instant. */
export function formatSeoulDate(value: Date | string): string {
  const p = seoulParts(value);
  return `${p.year}년 ${p.month}월 ${p.day}일`;
}

/** "2026년 2월 1일 09:05" (24-hour, Seoul time). */
export function formatSeoulDateTime(value: Date | string): string {
  const p = seoulParts(value);
  return `${p.year}년 ${p.month}월 ${p.day}일 ${p.hour}:${p.minute}`;
}

/** "2026-02-01": the Seoul calendar date, for machine-readable attributes (<time dateTime>). */
export function seoulDateKey(value: Date | string): string {
  const p = seoulParts(value);
  return `${p.year}-${p.month.padStart(2, "0")}-${p.day.padStart(2, "0")}`;
}
