import { describe, expect, it } from "vitest";
import { formatKRW } from "@/lib/format";

describe("formatKRW", () => {
  it("formats whole won with thousands separators", () => {
    expect(formatKRW(0)).toBe("₩0");
    expect(formatKRW(100)).toBe("₩100");
    expect(formatKRW(9_900)).toBe("₩9,900");
    expect(formatKRW(199_000)).toBe("₩199,000");
    expect(formatKRW(1_234_567_890)).toBe("₩1,234,567,890");
  });

  it("puts the minus sign before the currency sign", () => {
    expect(formatKRW(-9_900)).toBe("-₩9,900");
  });

  it.each([9_900.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])(
    "refuses %s, which is not a safe integer of won",
    (amount) => {
      expect(() => formatKRW(amount)).toThrow(RangeError);
    },
  );
});
