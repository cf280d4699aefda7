import { describe, expect, it } from "vitest";
import {
  formatSeoulDate,
  formatSeoulDateTime,
  nextSeoulDay,
  seoulDateKey,
  seoulDayAtTimeOf,
  seoulDayEnd,
  seoulDayStart,
  seoulTimestamp,
} from "@/lib/format";

describe("Seoul dates", () => {
  it("uses the Seoul calendar day, not UTC's", () => {
    // 15:30 UTC on 31 Jan is 00:30 on 1 Feb in Seoul (UTC+9, no daylight saving).
    const instant = new Date("2026-01-31T15:30:00Z");
    expect(formatSeoulDate(instant)).toBe("2026년 2월 1일");
    expect(seoulDateKey(instant)).toBe("2026-02-01");
    expect(formatSeoulDateTime(instant)).toBe("2026년 2월 1일 00:30");
  });

  it("keeps the same day just before Seoul midnight", () => {
    const instant = new Date("2026-01-31T14:59:00Z");
    expect(formatSeoulDate(instant)).toBe("2026년 1월 31일");
    expect(formatSeoulDateTime(instant)).toBe("2026년 1월 31일 23:59");
  });

  it("accepts ISO strings and rejects invalid dates", () => {
    expect(formatSeoulDate("2026-12-31T15:00:00Z")).toBe("2027년 1월 1일");
    expect(() => formatSeoulDate("not a date")).toThrow(RangeError);
    expect(() => formatSeoulDate(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("matches the time zone database at every instant, summer-time years included", () => {
    const zone = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Asia/Seoul",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    const expected = (instant: Date) => {
      const p = Object.fromEntries(zone.formatToParts(instant).map((x) => [x.type, x.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
    const instants = [
      // Korea's last summer time ended 1988-10-09 03:00 KDT; the fixed offset starts after it.
      new Date("1988-10-08T17:59:59Z"),
      new Date("1988-10-08T18:00:00Z"),
      new Date("1988-12-31T23:59:59Z"),
      new Date("1989-01-01T00:00:00Z"),
      new Date("1987-07-01T12:00:00Z"),
      new Date("2026-12-31T14:59:59Z"),
      new Date("2026-12-31T15:00:00Z"),
      new Date("2028-02-28T15:00:00Z"),
    ];
    // And a spread of instants from 1980 to 2100 (a fixed seed, so a failure repeats).
    let seed = 20261207;
    for (let i = 0; i < 5_000; i++) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      instants.push(new Date(Date.UTC(1980, 0, 1) + (seed / 2 ** 31) * 120 * 365.25 * 86_400_000));
    }
    for (const instant of instants) {
      expect(seoulTimestamp(instant), instant.toISOString()).toBe(expected(instant));
    }
  });
});

describe("Seoul day arithmetic (one module for the app's Seoul dates)", () => {
  it("writes a spreadsheet timestamp in Seoul time", () => {
    expect(seoulTimestamp(new Date("2026-01-31T15:05:07.900Z"))).toBe("2026-02-01 00:05:07");
  });

  it("bounds a Seoul day and moves to a Seoul day at a kept time of day", () => {
    expect(seoulDayStart("2026-02-01").toISOString()).toBe("2026-01-31T15:00:00.000Z");
    expect(seoulDayEnd("2026-02-28").toISOString()).toBe("2026-02-28T15:00:00.000Z");
    // 09:30 Seoul on the 5th, moved to the 20th: still 09:30 Seoul.
    const renewal = new Date("2026-02-05T00:30:00Z");
    expect(seoulDayAtTimeOf("2026-02-20", renewal).toISOString()).toBe("2026-02-20T00:30:00.000Z");
    // 23:30 UTC on the 31st is already 1 Feb in Seoul; the next Seoul day is 2 Feb.
    expect(nextSeoulDay(new Date("2026-01-31T23:30:00Z"))).toBe("2026-02-02");
  });
});
