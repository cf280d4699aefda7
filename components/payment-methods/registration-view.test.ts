import { describe, expect, it } from "vitest";
import type { RegistrationStatus } from "@/lib/payment-methods/registration-status";
import { isSettled, parseRegistrationStatus, registrationView } from "./registration-status-schema";

const sub = (
  status: string,
  trialEnd: string | null = null,
  nextChargeAt: string | null = null,
) => ({
  status,
  trialEnd,
  nextChargeAt,
  amount: 9_900,
});

const active = (over: Partial<RegistrationStatus> = {}): RegistrationStatus => ({
  state: "active",
  expiresAt: null,
  failureMessage: null,
  subscription: sub("incomplete"),
  charge: null,
  paidStartOffer: null,
  ...over,
});

const charge = (status: NonNullable<RegistrationStatus["charge"]>["status"]) => ({
  status,
  amount: 9_900,
  receiptUrl: status === "succeeded" ? "https://pay.toss.im/receipt" : null,
  message: status === "failed" ? "카드 잔액이 부족해요." : null,
});

describe("what the waiting page shows", () => {
  it("waits while the customer has not approved, and keeps polling", () => {
    const view = registrationView(
      { ...active(), state: "pending", subscription: null },
      "checkout",
    );
    expect(view).toEqual({ kind: "waiting" });
    expect(isSettled(view)).toBe(false);
  });

  it("reports a cancelled or expired registration with the server's Korean message", () => {
    expect(
      registrationView(
        { ...active(), state: "failed", failureMessage: "토스 앱에서 등록을 취소했어요." },
        "checkout",
      ),
    ).toEqual({ kind: "failed", message: "토스 앱에서 등록을 취소했어요." });
    const expired = registrationView({ ...active(), state: "expired" }, "checkout");
    expect(expired.kind).toBe("expired");
    expect(isSettled(expired)).toBe(true);
  });

  it("shows the first charge in progress until it is settled", () => {
    // Activated, the charge not yet recorded (it runs after the response).
    expect(registrationView(active(), "checkout").kind).toBe("charging");
    expect(registrationView(active({ charge: charge("pending") }), "checkout").kind).toBe(
      "charging",
    );
    expect(registrationView(active({ charge: charge("unknown") }), "checkout").kind).toBe(
      "charging",
    );
  });

  it("shows a paid first charge with its receipt", () => {
    expect(
      registrationView(
        active({
          subscription: sub("active", null, "2027-01-06T01:00:00Z"),
          charge: charge("succeeded"),
        }),
        "checkout",
      ),
    ).toEqual({
      kind: "paid",
      amount: 9_900,
      receiptUrl: "https://pay.toss.im/receipt",
      next: { at: "2027-01-06T01:00:00Z", amount: 9_900 },
    });
  });

  it("offers a retry only while the subscription still waits for its first payment", () => {
    expect(registrationView(active({ charge: charge("failed") }), "checkout")).toMatchObject({
      kind: "declined",
      message: "카드 잔액이 부족해요.",
      canRetry: true,
    });
    expect(
      registrationView(
        active({ subscription: sub("past_due"), charge: charge("failed") }),
        "change",
      ),
    ).toMatchObject({ kind: "declined", canRetry: false });
  });

  it("tells a trial start from a method change on a trialing subscription", () => {
    const trialing = active({
      subscription: sub("trialing", "2026-02-01T00:00:00Z"),
    });
    expect(registrationView(trialing, "checkout")).toEqual({
      kind: "trial",
      trialEnd: "2026-02-01T00:00:00Z",
      amount: 9_900,
    });
    expect(registrationView(trialing, "change")).toEqual({ kind: "linked" });
  });

  it("waits for 유료로 시작하기 when the instrument already had its trial, before any charge", () => {
    const offer = { amount: 9_900, consentText: "베이직 9,900원(부가세 포함)이 오늘 결제되고, …" };
    const view = registrationView(active({ paidStartOffer: offer }), "checkout");
    expect(view).toEqual({ kind: "paid_start", ...offer });
    // Still polling: once confirmed, the charge's result follows on the same page.
    expect(isSettled(view)).toBe(false);
  });

  it("keeps checking when a new method is linked to a subscription that owes a period", () => {
    expect(registrationView(active({ subscription: sub("unpaid") }), "change").kind).toBe(
      "charging",
    );
    expect(registrationView(active({ subscription: sub("active") }), "change").kind).toBe("linked");
  });
});

describe("reading the status answer the waiting page polls", () => {
  const answer = active({
    subscription: sub("active", null, "2026-01-07T00:00:00.000Z"),
    charge: charge("succeeded"),
    paidStartOffer: { amount: 9_900, consentText: "동의해요" },
  });

  it("takes a whole answer as it is, and drops fields added later", () => {
    expect(parseRegistrationStatus(answer)).toEqual(answer);
    expect(
      parseRegistrationStatus({
        ...answer,
        addedLater: 1,
        charge: { ...answer.charge, addedLater: true },
      }),
    ).toEqual(answer);
    expect(parseRegistrationStatus(active())).toEqual(active());
  });

  it("refuses a body that is not a status answer", () => {
    const broken: unknown[] = [
      null,
      "active",
      [answer],
      { ...answer, state: "approved" },
      { ...answer, expiresAt: 0 },
      { ...answer, subscription: { ...answer.subscription, amount: "9900" } },
      { ...answer, subscription: { ...answer.subscription, amount: 9_900.5 } },
      { ...answer, charge: { ...answer.charge, status: "done" } },
      { ...answer, paidStartOffer: { amount: 9_900 } },
      { ...answer, charge: undefined },
    ];
    for (const body of broken)
      expect(parseRegistrationStatus(body), JSON.stringify(body)).toBeNull();
  });
});
