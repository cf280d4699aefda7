import { describe, expect, it } from "vitest";
import { renderConsentWording, renderNotification } from "@/lib/notifications/templates";

const ctx = {
  appUrl: "https://shop.example.kr/",
  businessName: "구독 스토어",
  supportEmail: "help@shop.example.kr",
  supportPhone: null,
};
const kst = (s: string) => new Date(`${s}+09:00`);

describe("notification templates", () => {
  it("receipt: amount in won, period, next date and the receipt link", () => {
    const { subject, body } = renderNotification(
      {
        kind: "receipt",
        data: {
          planName: "프로",
          amount: 1_234_500,
          orderId: "sub_abc_p2_a1",
          chargeId: "6f1c2a4e-0000-4000-8000-000000000001",
          approvedAt: kst("2027-03-01T09:05:00"),
          receiptUrl: "https://pay.toss.im/receipt/xyz",
          periodStart: kst("2027-03-01T09:00:00"),
          periodEnd: kst("2027-04-01T09:00:00"),
          nextChargeAt: kst("2027-04-01T09:00:00"),
        },
      },
      ctx,
    );
    expect(subject).toBe("[구독 스토어] 프로 자동결제 영수증 (1,234,500원)");
    expect(body).toContain("- 결제 금액: 1,234,500원");
    expect(body).toContain("2027년 3월 1일 09:05");
    expect(body).toContain("- 이용 기간: 2027년 3월 1일 ~ 2027년 4월 1일");
    expect(body).toContain(
      "- 영수증: https://shop.example.kr/account/receipts/6f1c2a4e-0000-4000-8000-000000000001",
    );
    expect(body).toContain("- 카드 매출전표: https://pay.toss.im/receipt/xyz");
    expect(body).toContain("sub_abc_p2_a1");
    expect(body).toContain("문의: help@shop.example.kr");
  });

  it("payment failed: the Korean reason, how to fix it, and when it is retried", () => {
    const { subject, body } = renderNotification(
      {
        kind: "payment_failed",
        data: {
          planName: "베이직",
          amount: 9_900,
          reason: "카드 한도가 부족해요.",
          nextRetryAt: kst("2027-03-02T09:00:00"),
          accessUntil: kst("2027-03-08T09:00:00"),
        },
      },
      ctx,
    );
    expect(subject).toBe("[구독 스토어] 베이직 결제에 실패했어요");
    expect(body).toContain("실패 사유: 카드 한도가 부족해요.");
    expect(body).toContain("https://shop.example.kr/account 에서 새 결제수단을 등록");
    expect(body).toContain("2027년 3월 2일 09:00에 자동으로 다시 시도");
    expect(body).toContain("2027년 3월 8일까지는 서비스를 계속 이용");
    const last = renderNotification(
      { kind: "payment_failed", data: { planName: "베이직", amount: 9_900, reason: "x" } },
      ctx,
    );
    expect(last.body).toContain("자동 재시도는 더 이상 없어요");
  });

  it("action required links to where a new method is linked", () => {
    const { body } = renderNotification(
      {
        kind: "action_required",
        data: {
          planName: "베이직",
          reason: "등록된 카드를 더 이상 쓸 수 없어요.",
          amountDue: 9_900,
        },
      },
      ctx,
    );
    expect(body).toContain("https://shop.example.kr/account 에서 새 결제수단을 등록");
    expect(body).toContain("9,900원을 바로 결제");
  });

  it("price-rise consent states old and new amount, the date, the deadline, and how to withdraw", () => {
    const data = {
      consentKind: "price_increase" as const,
      consentId: "c-1",
      planName: "프로",
      interval: "month" as const,
      intervalCount: 1,
      oldAmount: 9_900,
      newAmount: 12_900,
      effectiveAt: kst("2027-04-01T09:00:00"),
      fallback: "renew_at_old_price" as const,
    };
    const wording = renderConsentWording(data, ctx);
    expect(wording).toContain("- 변경 전 금액: 월 9,900원");
    expect(wording).toContain("- 변경 후 금액: 월 12,900원");
    expect(wording).toContain("- 변경 금액이 적용되는 결제일: 2027년 4월 1일");
    expect(wording).toContain("- 동의 기한: 2027년 4월 1일 09:00 결제 전까지");
    expect(wording).toContain("동의 철회 방법:");
    expect(wording).toContain("https://shop.example.kr/account#consent-c-1");
    expect(wording).toContain("기존 금액(월 9,900원)으로 한 번 더");

    const { subject, body } = renderNotification({ kind: "consent_request", data }, ctx);
    expect(subject).toBe("[구독 스토어] 프로 요금 인상 안내 및 동의 요청");
    expect(body.startsWith(wording)).toBe(true);

    const cancelPolicy = renderConsentWording({ ...data, fallback: "cancel_at_period_end" }, ctx);
    expect(cancelPolicy).toContain("2027년 4월 1일에 구독이 해지되고 더 이상 결제되지 않아요");
  });

  it("trial-conversion consent states the first charge, its date, and that no consent means no charge", () => {
    const wording = renderConsentWording(
      {
        consentKind: "trial_conversion",
        consentId: "c-2",
        planName: "프로",
        interval: "year",
        intervalCount: 1,
        newAmount: 99_000,
        effectiveAt: kst("2027-02-15T10:00:00"),
      },
      ctx,
    );
    expect(wording).toContain("- 전환 후 결제 금액: 연 99,000원");
    expect(wording).toContain("- 첫 결제일: 2027년 2월 15일");
    expect(wording).toContain("구독이 종료되고, 결제되지 않아요");
    expect(wording).toContain("동의 철회 방법:");
  });

  it("ended: says why in Korean", () => {
    const { subject, body } = renderNotification(
      {
        kind: "subscription_ended",
        data: {
          planName: "프로",
          reason: "trial_not_converted",
          endedAt: kst("2027-02-15T10:00:00"),
        },
      },
      ctx,
    );
    expect(subject).toBe("[구독 스토어] 프로 구독이 종료됐어요");
    expect(body).toContain("결제 없이 구독이 종료됐어요");
  });

  it("renders every kind without throwing", () => {
    const at = kst("2027-01-01T00:00:00");
    const all = [
      { kind: "payment_method_linked", data: { methodLabel: "신한카드 ****1234" } },
      { kind: "payment_recovered", data: { planName: "p", amount: 100, nextChargeAt: at } },
      {
        kind: "trial_ending",
        data: {
          planName: "p",
          trialEnd: at,
          interval: "month",
          intervalCount: 3,
          amount: 100,
          willConvert: true,
        },
      },
      { kind: "subscription_canceled", data: { planName: "p", atPeriodEnd: true, endsAt: at } },
      { kind: "subscription_canceled", data: { planName: "p", atPeriodEnd: false } },
      { kind: "refund_issued", data: { amount: 5_000, orderId: "o1", refundedAt: at } },
    ] as const;
    for (const content of all) {
      const r = renderNotification(content, ctx);
      expect(r.subject).toMatch(/^\[구독 스토어\] /);
      expect(r.body.length).toBeGreaterThan(20);
    }
  });
});
