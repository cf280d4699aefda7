// The checkout's recurring-payment agreement states the amount, the first and later charge days
// and the method, with the engine's own date rules (Seoul days, month-end clamping).
import { describe, expect, it } from "vitest";
import { periodBoundary } from "@/lib/billing/periods";
import {
  chargeSchedulePhrase,
  recurringConsentWording,
  taxNote,
} from "@/lib/billing/recurring-consent-wording";
import { instrumentFingerprint } from "@/lib/billing/instrument-fingerprint";
import { methodPhrase } from "@/lib/payments/method-phrase";

const basic = {
  name: "베이직",
  amount: 9_900,
  amountTaxFree: 0,
  interval: "month" as const,
  intervalCount: 1,
  trialDays: 0,
};

// 2026-12-06 10:00 in Seoul.
const now = new Date("2026-12-06T01:00:00Z");

describe("recurring-payment agreement wording", () => {
  it("says what is charged today, on which day after, and through which method", () => {
    const wording = recurringConsentWording({
      plan: basic,
      trialDays: 0,
      methodPhrase: methodPhrase("toss_pay"),
      now,
    });
    expect(wording.text).toBe(
      "베이직 9,900원(부가세 포함)이 오늘 결제되고, 이후 매월 6일 같은 금액이 토스페이로 자동결제돼요. 내 구독에서 언제든 해지할 수 있어요.",
    );
    expect(wording.firstChargeAt).toEqual(now);
    expect(wording.secondChargeAt).toEqual(periodBoundary(now, "month", 1, 1));
  });

  it("names the trial's first charge day instead of today, in Seoul time", () => {
    // 23:30 in Seoul on 6 Dec is still 6 Dec there (14:30 UTC).
    const late = new Date("2026-12-06T14:30:00Z");
    const wording = recurringConsentWording({
      plan: { ...basic, trialDays: 14 },
      trialDays: 14,
      methodPhrase: methodPhrase("toss_payments", "card"),
      now: late,
    });
    expect(wording.text).toContain("오늘은 결제되지 않아요.");
    expect(wording.text).toContain(
      "14일 무료 체험이 끝나는 2026년 12월 20일에 베이직 9,900원(부가세 포함)이 토스페이먼츠에 등록한 카드로 처음 결제되고, 이후 매월 20일 같은 금액이 자동결제돼요.",
    );
    expect(wording.text).toContain("동의하지 않으면 결제되지 않아요.");
  });

  it("clamps a month-end day the way the engine does, and says so", () => {
    const jan31 = new Date("2027-01-31T01:00:00Z");
    expect(chargeSchedulePhrase(jan31, "month", 1)).toBe("매월 31일(31일이 없는 달은 말일)");
    expect(chargeSchedulePhrase(jan31, "month", 3)).toBe("3개월마다 31일(31일이 없는 달은 말일)");
    expect(chargeSchedulePhrase(new Date("2028-02-29T01:00:00Z"), "year", 1)).toBe(
      "매년 2월 29일(없는 해는 2월 28일)",
    );
    expect(chargeSchedulePhrase(now, "week", 1)).toBe("매주 일요일");
    expect(chargeSchedulePhrase(now, "day", 2)).toBe("2일마다");
  });

  it("says how the price is taxed", () => {
    expect(taxNote({ amount: 9_900, amountTaxFree: 0 })).toBe("(부가세 포함)");
    expect(taxNote({ amount: 9_900, amountTaxFree: 9_900 })).toBe("(면세)");
    expect(taxNote({ amount: 9_900, amountTaxFree: 3_000 })).toBe("(부가세·면세 3,000원 포함)");
  });
});

describe("instrument fingerprint", () => {
  const card = {
    provider: "toss_pay" as const,
    kind: "card" as const,
    cardCompany: "신한카드",
    cardCompanyCode: "4",
    cardNumberMasked: "531764******410*",
    bankCode: null,
    bankName: null,
    accountNumberMasked: null,
  };

  it("recognises the same card however the company and the mask are spelled", () => {
    const same = instrumentFingerprint(card);
    expect(same).toMatch(/^[0-9a-f]{64}$/);
    expect(
      instrumentFingerprint({
        ...card,
        cardCompany: "신한",
        cardNumberMasked: "5317-64••-••••-410#",
      }),
    ).toBe(same);
    expect(instrumentFingerprint({ ...card, cardNumberMasked: "531764******420*" })).not.toBe(same);
    expect(instrumentFingerprint({ ...card, cardCompany: "국민" })).not.toBe(same);
  });

  it("knows nothing of an instrument the provider did not describe", () => {
    expect(instrumentFingerprint({ ...card, cardNumberMasked: null })).toBeNull();
    expect(
      instrumentFingerprint({
        ...card,
        kind: "toss_money",
        cardNumberMasked: null,
        bankName: "토스머니",
      }),
    ).toBeNull();
    expect(
      instrumentFingerprint({
        ...card,
        kind: "account",
        cardNumberMasked: null,
        bankCode: "088",
        accountNumberMasked: "110******676",
      }),
    ).toMatch(/^[0-9a-f]{64}$/);
  });
});
