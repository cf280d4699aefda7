import { describe, expect, it } from "vitest";
import {
  formatBillingInterval,
  formatPlanPrice,
  formatPricePeriod,
  formatTrial,
} from "@/lib/format";

describe("formatPlanPrice", () => {
  it("puts how often before the amount for a single interval", () => {
    expect(formatPlanPrice({ amount: 9_900, interval: "month", intervalCount: 1 })).toBe(
      "월 9,900원",
    );
    expect(formatPlanPrice({ amount: 199_000, interval: "year", intervalCount: 1 })).toBe(
      "연 199,000원",
    );
    expect(formatPlanPrice({ amount: 3_000, interval: "week", intervalCount: 1 })).toBe(
      "주 3,000원",
    );
    expect(formatPlanPrice({ amount: 500, interval: "day", intervalCount: 1 })).toBe("하루 500원");
  });

  it("spells out longer intervals with 마다", () => {
    expect(formatPlanPrice({ amount: 29_700, interval: "month", intervalCount: 3 })).toBe(
      "3개월마다 29,700원",
    );
    expect(formatPlanPrice({ amount: 5_000, interval: "week", intervalCount: 2 })).toBe(
      "2주마다 5,000원",
    );
    expect(formatPlanPrice({ amount: 300_000, interval: "year", intervalCount: 2 })).toBe(
      "2년마다 300,000원",
    );
  });

  it("refuses fractional amounts and impossible interval counts", () => {
    expect(() =>
      formatPlanPrice({ amount: 9_900.5, interval: "month", intervalCount: 1 }),
    ).toThrow();
    expect(() => formatPlanPrice({ amount: 9_900, interval: "month", intervalCount: 0 })).toThrow();
    expect(() =>
      formatPlanPrice({ amount: 9_900, interval: "month", intervalCount: 1.5 }),
    ).toThrow();
  });
});

describe("formatPricePeriod", () => {
  it("is the word a Korean price starts with", () => {
    expect(formatPricePeriod("month", 1)).toBe("월");
    expect(formatPricePeriod("year", 1)).toBe("연");
    expect(formatPricePeriod("week", 1)).toBe("주");
    expect(formatPricePeriod("day", 1)).toBe("하루");
    expect(formatPricePeriod("month", 3)).toBe("3개월마다");
    expect(() => formatPricePeriod("month", 0)).toThrow();
  });
});

describe("formatBillingInterval", () => {
  it("reads naturally in Korean", () => {
    expect(formatBillingInterval("month", 1)).toBe("매월");
    expect(formatBillingInterval("year", 1)).toBe("매년");
    expect(formatBillingInterval("month", 3)).toBe("3개월마다");
    expect(formatBillingInterval("year", 2)).toBe("2년마다");
    expect(formatBillingInterval("day", 10)).toBe("10일마다");
  });
});

describe("formatTrial", () => {
  it("names the trial length, or nothing without a trial", () => {
    expect(formatTrial(14)).toBe("14일 무료 체험");
    expect(formatTrial(0)).toBeNull();
    expect(() => formatTrial(-1)).toThrow();
  });
});
