import { describe, expect, it } from "vitest";
import { describeNextRenewal } from "@/lib/subscriptions/next-renewal";

const periodEnd = new Date("2027-03-10T00:00:00Z");
const trialEnd = new Date("2027-02-01T00:00:00Z");
const active = {
  id: "sub-1",
  status: "active" as const,
  cancelAtPeriodEnd: false,
  nextChargeAt: periodEnd,
  priceAmount: 9_900,
  trialEnd: null,
  currentPeriodEnd: periodEnd,
};
const trialing = { ...active, status: "trialing" as const, trialEnd, nextChargeAt: trialEnd };

type Status = "requested" | "accepted" | "declined" | "expired";
const rise = (status: Status, overrides = {}) => ({
  kind: "price_increase" as const,
  status,
  subscriptionId: "sub-1",
  newAmount: 12_900,
  effectiveAt: periodEnd,
  ...overrides,
});
const conversion = (status: Status, overrides = {}) => ({
  kind: "trial_conversion" as const,
  status,
  subscriptionId: "sub-1",
  newAmount: 9_900,
  effectiveAt: trialEnd,
  ...overrides,
});

describe("describeNextRenewal", () => {
  it("charges the current price when nothing was asked", () => {
    expect(describeNextRenewal(active, [], "renew_at_old_price")).toEqual({
      kind: "charge",
      at: periodEnd,
      amount: 9_900,
      note: null,
    });
  });

  it("charges the new price only after the customer accepted the rise", () => {
    expect(describeNextRenewal(active, [rise("accepted")], "renew_at_old_price")).toMatchObject({
      kind: "charge",
      amount: 12_900,
    });
    expect(describeNextRenewal(active, [rise("requested")], "cancel_at_period_end")).toMatchObject({
      kind: "charge",
      amount: 9_900,
      note: "price_rise_asked",
    });
  });

  it("follows the merchant's policy when the rise is declined or unanswered", () => {
    for (const status of ["declined", "expired"] as const) {
      expect(describeNextRenewal(active, [rise(status)], "renew_at_old_price")).toMatchObject({
        kind: "charge",
        amount: 9_900,
      });
      expect(describeNextRenewal(active, [rise(status)], "cancel_at_period_end")).toEqual({
        kind: "ends",
        at: periodEnd,
        reason: "price_rise_declined",
      });
    }
  });

  it("ignores rises for another renewal or another subscription", () => {
    const later = rise("accepted", { effectiveAt: new Date("2027-04-10T00:00:00Z") });
    const other = rise("declined", { subscriptionId: "sub-2" });
    expect(describeNextRenewal(active, [later, other], "cancel_at_period_end")).toMatchObject({
      kind: "charge",
      amount: 9_900,
      note: null,
    });
  });

  it("turns a trial paid only with consent, and ends it unpaid once declined or expired", () => {
    expect(describeNextRenewal(trialing, [], "renew_at_old_price")).toMatchObject({
      kind: "charge",
      note: "needs_trial_consent",
    });
    expect(describeNextRenewal(trialing, [conversion("accepted")], "renew_at_old_price")).toEqual({
      kind: "charge",
      at: trialEnd,
      amount: 9_900,
      note: null,
    });
    expect(describeNextRenewal(trialing, [conversion("declined")], "renew_at_old_price")).toEqual({
      kind: "ends",
      at: trialEnd,
      reason: "trial_not_converted",
    });
  });

  it("says nothing about a renewal that will not happen", () => {
    expect(
      describeNextRenewal({ ...active, cancelAtPeriodEnd: true }, [], "renew_at_old_price"),
    ).toEqual({ kind: "none" });
    expect(
      describeNextRenewal({ ...active, status: "past_due" }, [], "renew_at_old_price"),
    ).toEqual({ kind: "none" });
  });
});
