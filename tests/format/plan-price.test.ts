import { describe, expect, it } from "vitest";
import { formatBillingInterval, formatPlanPrice, formatTrial } from "@/lib/format";

describe("formatPlanPrice", () => {
  it("shows a single interval as a slash suffix", () => {
    expect(formatPlanPrice({ amount: 9_900, interval: "month", intervalCount: 1 })).toBe(
      "₩9,900/월",
    );
    expect(formatPlanPrice({ amount: 199_000, interval: "year", intervalCount: 1 })).toBe(
      "₩199,000/년",
    );
    expect(formatPlanPrice({ amount: 3_000, interval: "week", intervalCount: 1 })).toBe(
      "₩3,000/주",
    );
    expect(formatPlanPrice({ amount: 500, interval: "day", intervalCount: 1 })).toBe("₩500/일");
  });

  it("spells out longer intervals with 마다", () => {
    expect(formatPlanPrice({ amount: 27_000, interval: "month", intervalCount: 3 })).toBe(
      "₩27,000 / 3개월마다",
    );
    expect(formatPlanPrice({ amount: 5_000, interval: "week", intervalCount: 2 })).toBe(
      "₩5,000 / 2주마다",
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
