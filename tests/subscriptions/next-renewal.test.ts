// The account page's renewal preview on its own (pure): the engine's decisions applied to the
// page's facts. renewal-preview-matches-engine.test.ts checks the same cases against a real run.
import { describe, expect, it } from "vitest";
import {
  describeNextRenewal,
  type ConsentForPreview,
  type RenewalPreviewFacts,
} from "@/lib/subscriptions/next-renewal";

const periodEnd = new Date("2027-03-10T00:00:00Z");
const trialEnd = new Date("2027-02-01T00:00:00Z");
const basic = { id: "plan-basic", name: "베이직", amount: 9_900, amountTaxFree: 0 };
const pro = { id: "plan-pro", name: "프로", amount: 19_900, amountTaxFree: 0 };

const active: RenewalPreviewFacts = {
  subscription: {
    id: "sub-1",
    status: "active",
    cancelAtPeriodEnd: false,
    nextChargeAt: periodEnd,
    priceAmount: 9_900,
    priceAmountTaxFree: 0,
    trialEnd: null,
    currentPeriodEnd: periodEnd,
  },
  plan: { ...basic, amount: 12_900 }, // the plan's price rose to 12,900
  scheduledChange: null,
  consents: [],
  fallbackPolicy: "renew_at_old_price",
  methodUsable: true,
};
const trialing: RenewalPreviewFacts = {
  ...active,
  subscription: {
    ...active.subscription,
    status: "trialing",
    trialEnd,
    nextChargeAt: trialEnd,
    currentPeriodEnd: null,
  },
  plan: basic,
};

type Status = ConsentForPreview["status"];
const rise = (status: Status, overrides: Partial<ConsentForPreview> = {}): ConsentForPreview => ({
  id: `rise-${status}`,
  kind: "price_increase",
  status,
  subscriptionId: "sub-1",
  planId: basic.id,
  newAmount: 12_900,
  effectiveAt: periodEnd,
  answerable: status !== "expired",
  ...overrides,
});
const conversion = (status: Status): ConsentForPreview => ({
  id: `trial-${status}`,
  kind: "trial_conversion",
  status,
  subscriptionId: "sub-1",
  planId: basic.id,
  newAmount: 9_900,
  effectiveAt: trialEnd,
  answerable: status !== "expired",
});

describe("describeNextRenewal", () => {
  it("charges the current price when the plan's price has not risen", () => {
    expect(describeNextRenewal({ ...active, plan: basic })).toEqual({
      kind: "charge",
      at: periodEnd,
      amount: 9_900,
      newPlanName: null,
      note: null,
    });
  });

  it("charges a scheduled downgrade's agreed price, under the new plan's name", () => {
    const onPro = {
      ...active,
      subscription: { ...active.subscription, priceAmount: 19_900 },
      plan: pro,
    };
    expect(
      describeNextRenewal({
        ...onPro,
        scheduledChange: { plan: basic, agreedAmount: 9_900, agreedAmountTaxFree: 0 },
      }),
    ).toMatchObject({ kind: "charge", amount: 9_900, newPlanName: "베이직" });
    // 베이직 rose to 12,900 since the downgrade was scheduled: the agreed 9,900 holds until the
    // customer consents to more, and 프로's consents say nothing about 베이직.
    expect(
      describeNextRenewal({
        ...onPro,
        scheduledChange: {
          plan: { ...basic, amount: 12_900 },
          agreedAmount: 9_900,
          agreedAmountTaxFree: 0,
        },
        consents: [rise("accepted", { planId: pro.id, newAmount: 24_900 })],
      }),
    ).toMatchObject({ kind: "charge", amount: 9_900, newPlanName: "베이직" });
  });

  it("charges the new price only after the customer accepted the rise", () => {
    expect(describeNextRenewal({ ...active, consents: [rise("accepted")] })).toMatchObject({
      kind: "charge",
      amount: 12_900,
    });
    expect(describeNextRenewal({ ...active, consents: [rise("requested")] })).toMatchObject({
      kind: "charge",
      amount: 9_900,
      note: "price_rise_asked",
    });
    // Never asked for this renewal: the old price whatever the policy.
    expect(
      describeNextRenewal({ ...active, fallbackPolicy: "cancel_at_period_end" }),
    ).toMatchObject({ kind: "charge", amount: 9_900 });
  });

  it("follows the merchant's policy when the rise is declined or unanswered", () => {
    for (const status of ["declined", "requested", "expired"] as const) {
      expect(describeNextRenewal({ ...active, consents: [rise(status)] })).toMatchObject({
        kind: "charge",
        amount: 9_900,
      });
      expect(
        describeNextRenewal({
          ...active,
          consents: [rise(status)],
          fallbackPolicy: "cancel_at_period_end",
        }),
      ).toEqual({
        kind: "ends",
        at: periodEnd,
        reason: status === "declined" ? "price_rise_declined" : "price_rise_unanswered",
        ifAccepted: status === "expired" ? null : 12_900,
      });
    }
  });

  it("ignores rises for another renewal or another subscription", () => {
    const later = rise("accepted", { effectiveAt: new Date("2027-04-10T00:00:00Z") });
    const other = rise("declined", { subscriptionId: "sub-2" });
    expect(
      describeNextRenewal({
        ...active,
        consents: [later, other],
        fallbackPolicy: "cancel_at_period_end",
      }),
    ).toMatchObject({ kind: "charge", amount: 9_900, note: null });
  });

  it("turns a trial paid only with consent; otherwise it ends unpaid", () => {
    expect(describeNextRenewal(trialing)).toEqual({
      kind: "ends",
      at: trialEnd,
      reason: "trial_not_converted",
      ifAccepted: null,
    });
    expect(describeNextRenewal({ ...trialing, consents: [conversion("requested")] })).toEqual({
      kind: "ends",
      at: trialEnd,
      reason: "trial_not_converted",
      ifAccepted: 9_900,
    });
    expect(describeNextRenewal({ ...trialing, consents: [conversion("accepted")] })).toEqual({
      kind: "charge",
      at: trialEnd,
      amount: 9_900,
      newPlanName: null,
      note: null,
    });
  });

  it("promises no price without a usable payment method", () => {
    expect(describeNextRenewal({ ...active, methodUsable: false })).toEqual({
      kind: "no_method",
      at: periodEnd,
      amount: 9_900,
    });
  });

  it("says nothing about a renewal that will not happen", () => {
    const cancel = { ...active, subscription: { ...active.subscription, cancelAtPeriodEnd: true } };
    expect(describeNextRenewal(cancel)).toEqual({ kind: "none" });
    const pastDue = {
      ...active,
      subscription: { ...active.subscription, status: "past_due" as const },
    };
    expect(describeNextRenewal(pastDue)).toEqual({ kind: "none" });
  });
});
