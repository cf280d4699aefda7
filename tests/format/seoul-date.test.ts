import { describe, expect, it } from "vitest";
import { formatSeoulDate, formatSeoulDateTime, seoulDateKey } from "@/lib/format";

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
});
