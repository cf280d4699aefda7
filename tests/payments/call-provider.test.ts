import { describe, expect, it } from "vitest";
import { callProvider } from "@/lib/payments/call-provider";
import type { ChargeResult } from "@/lib/payments/types";

const declined: ChargeResult = {
  outcome: "declined",
  code: "LIMIT_EXCEEDED",
  merchantMessage: "card limit exceeded",
  customerMessage: "카드 한도가 부족해요.",
  raw: null,
};

describe("callProvider", () => {
  it("passes a provider's answer through unchanged", async () => {
    expect(await callProvider("charge", () => Promise.resolve(declined))).toBe(declined);
  });

  it("records a call that throws, even synchronously, as unknown — never as a failure", async () => {
    const rejected = await callProvider("lookup", () =>
      Promise.reject(new Error("socket hang up")),
    );
    expect(rejected).toMatchObject({
      outcome: "unknown",
      code: "CLIENT_ERROR",
      customerMessage: "결제 결과를 확인하고 있어요.",
    });
    expect(rejected.merchantMessage).toContain("socket hang up");

    const thrown = await callProvider("refund", (): Promise<ChargeResult> => {
      throw new Error("provider not configured");
    });
    expect(thrown).toMatchObject({
      outcome: "unknown",
      customerMessage: "환불 결과를 확인하고 있어요.",
    });
  });
});
