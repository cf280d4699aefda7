import { describe, expect, it } from "vitest";
import type { Subscription } from "@/lib/db/schema";
import {
  InvalidTransitionError,
  nextRetryAt,
  retryAfterFailure,
  transition,
} from "@/lib/billing/subscription-transitions";

const kst = (s: string) => new Date(`${s}+09:00`);
const monthly = { interval: "month" as const, intervalCount: 1 };
const policy = { retryDays: [1, 3, 5, 7], unpaidCancelAfterDays: 14 };

function sub(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    userId: "u1",
    planId: "00000000-0000-4000-8000-000000000002",
    paymentMethodId: null,
    status: "incomplete",
    priceAmount: 9_900,
    priceAmountTaxFree: 0,
    periodNumber: 0,
    currentPeriodStart: null,
    currentPeriodEnd: null,
    billingAnchorAt: null,
    trialStart: null,
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    endedAt: null,
    cancellationReason: null,
    serviceUsedAt: null,
    pendingPlanId: null,
    nextChargeAt: null,
    dunningAttempts: 0,
    dunningStartedAt: null,
    unpaidSince: null,
    lockedBy: null,
    lockedUntil: null,
    paidInTestMode: false,
    incompleteExpiresAt: kst("2027-01-02T10:00:00"),
    createdAt: kst("2027-01-01T10:00:00"),
    updatedAt: kst("2027-01-01T10:00:00"),
    ...overrides,
  };
}

describe("first payment and renewals", () => {
  it("starts the first period when the first charge succeeds", () => {
    const now = kst("2027-01-31T10:00:00");
    const r = transition(sub(), { type: "period_paid", now, plan: monthly, periodNumber: 1 });
    expect(r.to).toBe("active");
    expect(r.patch).toMatchObject({
      periodNumber: 1,
      billingAnchorAt: now,
      currentPeriodStart: now,
      currentPeriodEnd: kst("2027-02-28T10:00:00"),
      nextChargeAt: kst("2027-02-28T10:00:00"),
      incompleteExpiresAt: null,
    });
  });

  it("renews from the anchor, returning to the anchor day after a short month", () => {
    const active = sub({
      status: "active",
      periodNumber: 1,
      billingAnchorAt: kst("2027-01-31T10:00:00"),
      currentPeriodStart: kst("2027-01-31T10:00:00"),
      currentPeriodEnd: kst("2027-02-28T10:00:00"),
    });
    const r = transition(active, {
      type: "period_paid",
      now: kst("2027-02-28T11:00:00"),
      plan: monthly,
      periodNumber: 2,
    });
    expect(r.patch.currentPeriodStart).toEqual(kst("2027-02-28T10:00:00"));
    expect(r.patch.currentPeriodEnd).toEqual(kst("2027-03-31T10:00:00"));
  });

  it("refuses to pay a period other than the outstanding one", () => {
    expect(() =>
      transition(sub({ status: "active", periodNumber: 3 }), {
        type: "period_paid",
        now: new Date(),
        plan: monthly,
        periodNumber: 3,
      }),
    ).toThrow(InvalidTransitionError);
  });

  it("anchors the first paid period at the trial end", () => {
    const trialEnd = kst("2027-01-15T10:00:00");
    const trialing = sub({ status: "trialing", trialEnd, nextChargeAt: trialEnd });
    const r = transition(trialing, {
      type: "period_paid",
      now: kst("2027-01-15T13:00:00"),
      plan: monthly,
      periodNumber: 1,
    });
    expect(r.patch).toMatchObject({
      status: "active",
      billingAnchorAt: trialEnd,
      currentPeriodStart: trialEnd,
      currentPeriodEnd: kst("2027-02-15T10:00:00"),
    });
  });

  it("starts a fresh period when recovering from unpaid", () => {
    const now = kst("2027-03-20T09:00:00");
    const unpaid = sub({
      status: "unpaid",
      periodNumber: 1,
      billingAnchorAt: kst("2027-01-31T10:00:00"),
      currentPeriodEnd: kst("2027-02-28T10:00:00"),
      unpaidSince: kst("2027-03-07T10:00:00"),
      dunningAttempts: 5,
    });
    const r = transition(unpaid, { type: "period_paid", now, plan: monthly, periodNumber: 2 });
    expect(r.patch).toMatchObject({
      status: "active",
      billingAnchorAt: now,
      currentPeriodEnd: kst("2027-04-20T09:00:00"),
      dunningAttempts: 0,
      unpaidSince: null,
    });
  });
});

describe("dunning", () => {
  it("retries at D+1, D+3, D+5, D+7 from the first failure, then goes unpaid", () => {
    const first = kst("2027-02-28T10:00:00");
    let s = sub({ status: "active", periodNumber: 1 });
    const seen: (string | null)[] = [];
    for (let i = 0; i < 5; i++) {
      const now = s.nextChargeAt ?? first;
      const r = transition(s, { type: "payment_declined", now, policy });
      s = { ...s, ...r.patch };
      seen.push(s.status === "unpaid" ? "unpaid" : (s.nextChargeAt?.toISOString() ?? null));
    }
    expect(seen).toEqual([
      kst("2027-03-01T10:00:00").toISOString(),
      kst("2027-03-03T10:00:00").toISOString(),
      kst("2027-03-05T10:00:00").toISOString(),
      kst("2027-03-07T10:00:00").toISOString(),
      "unpaid",
    ]);
    expect(s.dunningAttempts).toBe(5);
    expect(s.nextChargeAt).toBeNull();
  });

  it("nextRetryAt follows the merchant's schedule", () => {
    const first = kst("2027-01-01T00:00:00");
    expect(nextRetryAt(first, 1, [2])).toEqual(kst("2027-01-03T00:00:00"));
    expect(nextRetryAt(first, 2, [2])).toBeNull();
  });

  it("spaces the remaining retries from a late failure instead of firing them at once", () => {
    const first = kst("2027-03-01T10:00:00");
    const s = sub({
      status: "past_due",
      periodNumber: 1,
      dunningAttempts: 1,
      dunningStartedAt: first,
      nextChargeAt: kst("2027-03-02T10:00:00"),
    });
    // The D+1 retry only ran on D+4 (the cron was down): D+3 has passed, so the next retry is
    // the configured gap (2 days) after this failure, not immediately.
    const late = kst("2027-03-05T12:00:00");
    const r = transition(s, { type: "payment_declined", now: late, policy });
    expect(r.patch).toMatchObject({ status: "past_due", dunningAttempts: 2 });
    expect(r.patch.nextChargeAt).toEqual(kst("2027-03-07T12:00:00"));
    expect(retryAfterFailure(first, 2, [1, 3, 5, 7], kst("2027-03-02T10:00:00"))).toEqual(
      kst("2027-03-04T10:00:00"),
    );
  });

  it("marks the subscription unpaid when the key turns out dead after the dunning window", () => {
    const first = kst("2027-03-01T10:00:00");
    const s = sub({
      status: "past_due",
      periodNumber: 1,
      dunningAttempts: 3,
      dunningStartedAt: first,
    });
    const r = transition(s, {
      type: "payment_method_unusable",
      now: kst("2027-03-09T10:00:00"),
      policy,
    });
    expect(r.to).toBe("unpaid");
    expect(r.patch).toMatchObject({ nextChargeAt: null, unpaidSince: kst("2027-03-09T10:00:00") });
  });

  it("keeps a declined first charge incomplete", () => {
    const r = transition(sub(), { type: "payment_declined", now: new Date(), policy });
    expect(r.to).toBe("incomplete");
  });

  it("stops retrying when the method is unusable, keeping grace until the window ends", () => {
    const now = kst("2027-02-28T10:00:00");
    const r = transition(sub({ status: "active", periodNumber: 1 }), {
      type: "payment_method_unusable",
      now,
      policy,
    });
    expect(r.to).toBe("past_due");
    expect(r.patch.nextChargeAt).toEqual(kst("2027-03-07T10:00:00"));
  });
});

describe("cancel and resume", () => {
  const active = sub({
    status: "active",
    periodNumber: 1,
    currentPeriodEnd: kst("2027-02-01T00:00:00"),
  });

  it("cancels at period end as a flag, and resume clears it", () => {
    const now = kst("2027-01-10T00:00:00");
    const r = transition(active, {
      type: "cancel_requested",
      now,
      atPeriodEnd: true,
      reason: "customer",
    });
    expect(r.to).toBe("active");
    expect(r.patch).toMatchObject({ cancelAtPeriodEnd: true, canceledAt: now });
    const resumed = transition({ ...active, ...r.patch }, { type: "resumed", now });
    expect(resumed.patch).toMatchObject({ cancelAtPeriodEnd: false, canceledAt: null });
  });

  it("cancels a past_due subscription immediately even if asked for period end", () => {
    const r = transition(
      { ...active, status: "past_due" },
      { type: "cancel_requested", now: new Date(), atPeriodEnd: true, reason: "customer" },
    );
    expect(r.to).toBe("canceled");
    expect(r.patch.nextChargeAt).toBeNull();
  });

  it("never leaves canceled", () => {
    const canceled = sub({ status: "canceled" });
    for (const event of [
      { type: "resumed", now: new Date() },
      { type: "payment_declined", now: new Date(), policy },
      { type: "ended", now: new Date(), reason: "x" },
    ] as const) {
      expect(() => transition(canceled, event)).toThrow(InvalidTransitionError);
    }
  });
});
