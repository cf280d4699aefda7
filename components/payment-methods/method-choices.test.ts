import { describe, expect, it } from "vitest";
import { methodChoiceField, methodChoices, preselectedChoice } from "./method-choices";

describe("the registration form's method choice", () => {
  it("reads a provider alone or with the kind it registers", () => {
    expect(methodChoiceField.parse("toss_pay")).toEqual({
      provider: "toss_pay",
      method: undefined,
    });
    expect(methodChoiceField.parse("toss_payments:account")).toEqual({
      provider: "toss_payments",
      method: "account",
    });
  });

  it("refuses anything else", () => {
    for (const forged of ["stripe", "toss_payments:cash", "toss_pay:card:x", "", "x".repeat(41)]) {
      expect(methodChoiceField.safeParse(forged).success).toBe(false);
    }
  });

  it("offers Toss Pay as one choice, approved in the Toss app", () => {
    const [only, ...rest] = methodChoices(["toss_pay"]);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ value: "toss_pay", label: "토스페이", providerLabel: "토스페이" });
    expect(only?.hint).toContain("토스 앱");
  });

  it("offers Toss Payments' card and 퀵계좌이체 as two choices, each naming the provider", () => {
    expect(
      methodChoices(["toss_pay", "toss_payments"]).map(({ value, label, providerLabel }) => ({
        value,
        label,
        providerLabel,
      })),
    ).toEqual([
      { value: "toss_pay", label: "토스페이", providerLabel: "토스페이" },
      { value: "toss_payments:card", label: "카드", providerLabel: "토스페이먼츠" },
      { value: "toss_payments:account", label: "계좌 (퀵계좌이체)", providerLabel: "토스페이먼츠" },
    ]);
  });

  it("names PortOne's Toss Pay channel as Toss Pay, told apart only next to the direct one", () => {
    const [alone] = methodChoices(["portone"]);
    expect(alone).toMatchObject({ value: "portone", label: "토스페이", providerLabel: "토스페이" });
    expect(alone?.hint).toContain("토스 앱");
    expect(methodChoices(["toss_pay", "portone"]).map((c) => c.label)).toEqual([
      "토스페이",
      "토스페이 (PortOne)",
    ]);
  });

  it("preselects the restarted registration's provider, else the merchant's first", () => {
    const choices = methodChoices(["toss_pay", "toss_payments"]);
    expect(preselectedChoice(choices, "portone")?.value).toBe("toss_pay");
    expect(preselectedChoice(choices, "toss_payments")?.value).toBe("toss_payments:card");
  });
});
