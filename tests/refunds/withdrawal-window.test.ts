import { describe, expect, it } from "vitest";
import { decideWithdrawal, type WithdrawalCharge } from "@/lib/refunds/decide-withdrawal";
import { isWithinWithdrawalWindow, withdrawalWindow } from "@/lib/refunds/withdrawal-window";

const kst = (s: string) => new Date(`${s}+09:00`);
const settings = { withdrawalDays: 7, withdrawalUsePolicy: "regardless_of_use" as const };

function charge(overrides: Partial<WithdrawalCharge> = {}): WithdrawalCharge {
  return {
    id: "c1",
    purpose: "period",
    periodNumber: 1,
    amount: 9_900,
    refundedAmount: 0,
    approvedAt: kst("2026-12-01T15:00:00"),
    status: "succeeded",
    ...overrides,
  };
}

function decide(
  charges: WithdrawalCharge[],
  now: Date,
  extra: Partial<Parameters<typeof decideWithdrawal>[0]> = {},
) {
  return decideWithdrawal({
    subscription: { status: "active", serviceUsedAt: null },
    charges,
    chargesWithLiveRefund: new Set(),
    settings,
    now,
    ...extra,
  });
}

describe("withdrawalWindow", () => {
  it("ends at the Seoul midnight after the 7th day, whatever the hour of the charge", () => {
    for (const at of ["2026-12-01T00:00:01", "2026-12-01T15:00:00", "2026-12-01T23:59:59"]) {
      const window = withdrawalWindow(kst(at), 7);
      expect(window.lastDay).toBe("2026-12-08");
      expect(window.closesAt).toEqual(kst("2026-12-09T00:00:00"));
    }
  });

  it("includes the last day to its final second and excludes the next day", () => {
    const window = withdrawalWindow(kst("2026-12-01T15:00:00"), 7);
    expect(isWithinWithdrawalWindow(window, kst("2026-12-08T23:59:59"))).toBe(true);
    expect(isWithinWithdrawalWindow(window, kst("2026-12-09T00:00:00"))).toBe(false);
    // Before the charge there is nothing to withdraw.
    expect(isWithinWithdrawalWindow(window, kst("2026-12-01T14:59:59"))).toBe(false);
  });

  it("counts Seoul days, not UTC days: a charge at 08:00 KST is the previous UTC day", () => {
    const window = withdrawalWindow(kst("2026-12-01T08:00:00"), 7);
    expect(window.lastDay).toBe("2026-12-08");
  });

  it("crosses month and year ends, and follows the merchant's number of days", () => {
    expect(withdrawalWindow(kst("2026-12-28T10:00:00"), 7).lastDay).toBe("2027-01-04");
    expect(withdrawalWindow(kst("2026-12-01T10:00:00"), 14).lastDay).toBe("2026-12-15");
    expect(withdrawalWindow(kst("2026-12-01T10:00:00"), 0).lastDay).toBe("2026-12-01");
  });
});

describe("decideWithdrawal", () => {
  it("offers the whole first charge inside the window", () => {
    const decision = decide([charge()], kst("2026-12-08T12:00:00"));
    expect(decision).toMatchObject({
      eligible: true,
      amount: 9_900,
      refunds: [{ chargeAttemptId: "c1", amount: 9_900 }],
    });
  });

  it("refuses after the window", () => {
    expect(decide([charge()], kst("2026-12-09T00:00:00"))).toMatchObject({
      eligible: false,
      reason: "window_closed",
    });
  });

  it("counts a trial's window from the first charge at trial end, and offers nothing during the trial", () => {
    const trialing = decideWithdrawal({
      subscription: { status: "trialing", serviceUsedAt: null },
      charges: [],
      chargesWithLiveRefund: new Set(),
      settings,
      now: kst("2026-12-10T10:00:00"),
    });
    expect(trialing).toMatchObject({ eligible: false, reason: "no_charge", window: null });
    // Trial of 14 days from 11월 20일; first charge 12월 4일: withdrawable until 12월 11일.
    const converted = [charge({ approvedAt: kst("2026-12-04T09:00:00") })];
    expect(decide(converted, kst("2026-12-11T23:00:00"))).toMatchObject({ eligible: true });
    expect(decide(converted, kst("2026-12-12T00:00:00"))).toMatchObject({ eligible: false });
  });

  it("refunds an upgrade difference paid in the first period together with the first charge", () => {
    const decision = decide(
      [
        charge(),
        charge({
          id: "c2",
          purpose: "proration",
          amount: 6_450,
          approvedAt: kst("2026-12-03T10:00:00"),
        }),
        charge({
          id: "c3",
          purpose: "proration",
          amount: 3_000,
          status: "failed",
          approvedAt: null,
        }),
      ],
      kst("2026-12-05T10:00:00"),
    );
    expect(decision).toMatchObject({
      eligible: true,
      amount: 16_350,
      refunds: [
        { chargeAttemptId: "c1", amount: 9_900 },
        { chargeAttemptId: "c2", amount: 6_450 },
      ],
    });
  });

  it("refunds only what is left after an earlier partial refund, and nothing when all is back", () => {
    expect(decide([charge({ refundedAmount: 3_000 })], kst("2026-12-02T10:00:00"))).toMatchObject({
      eligible: true,
      amount: 6_900,
    });
    expect(decide([charge({ refundedAmount: 9_900 })], kst("2026-12-02T10:00:00"))).toMatchObject({
      eligible: false,
      reason: "already_refunded",
    });
  });

  it("refuses once a second period was paid, even inside the window (a weekly plan)", () => {
    const weekly = [
      charge(),
      charge({ id: "c2", periodNumber: 2, approvedAt: kst("2026-12-08T15:00:00") }),
    ];
    expect(decide(weekly, kst("2026-12-08T16:00:00"))).toMatchObject({
      eligible: false,
      reason: "renewed",
    });
  });

  it("refuses a used subscription only when the merchant allows withdrawal before use alone", () => {
    const used = { status: "active" as const, serviceUsedAt: kst("2026-12-02T10:00:00") };
    const now = kst("2026-12-03T10:00:00");
    expect(decide([charge()], now, { subscription: used })).toMatchObject({ eligible: true });
    expect(
      decide([charge()], now, {
        subscription: used,
        settings: { withdrawalDays: 7, withdrawalUsePolicy: "unused_only" },
      }),
    ).toMatchObject({ eligible: false, reason: "used" });
  });

  it("waits for a refund in flight, and refuses ended subscriptions", () => {
    const now = kst("2026-12-03T10:00:00");
    expect(decide([charge()], now, { chargesWithLiveRefund: new Set(["c1"]) })).toMatchObject({
      eligible: false,
      reason: "refund_in_progress",
    });
    expect(
      decide([charge()], now, { subscription: { status: "canceled", serviceUsedAt: null } }),
    ).toMatchObject({ eligible: false, reason: "not_live" });
  });
});
