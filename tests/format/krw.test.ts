import { describe, expect, it } from "vitest";
import { formatKRW } from "@/lib/format";

describe("formatKRW", () => {
  it("writes whole won the Korean way: thousands separators and 원 after the number", () => {
    expect(formatKRW(0)).toBe("0원");
    expect(formatKRW(100)).toBe("100원");
    expect(formatKRW(9_900)).toBe("9,900원");
    expect(formatKRW(199_000)).toBe("199,000원");
    expect(formatKRW(1_234_567_890)).toBe("1,234,567,890원");
  });

  it("puts the minus sign before the number", () => {
    expect(formatKRW(-9_900)).toBe("-9,900원");
  });

  it("never writes the ₩ sign", () => {
    for (const amount of [0, 1, -1, 9_900, 123_456_789])
      expect(formatKRW(amount)).not.toContain("₩");
  });

  it.each([9_900.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    "refuses %s, which is not a safe integer of won",
    (amount) => {
      expect(() => formatKRW(amount)).toThrow(RangeError);
    },
  );
});
