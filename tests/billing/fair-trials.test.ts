// One free trial per payment instrument as well as per account (issue 12 "Fair trials"), over
// real HTTP with the Toss Pay sandbox: a second account linking the same sandbox card does not
// get a trial, is not charged until it agrees to the paid start, and then pays once.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chargeOutstandingPeriod } from "@/lib/billing/charge-outstanding-period";
import { db } from "@/lib/db/client";
import { consents, paidStartOffers, subscriptions, trialInstruments } from "@/lib/db/schema";
import { findPaidStartOffer } from "@/lib/payment-methods/paid-start-offer";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { checkoutConsent } from "@/lib/subscriptions/checkout-consent";
import { confirmPaidStart } from "@/lib/subscriptions/confirm-paid-start";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import {
  checkoutToken,
  createCustomer,
  createPlan,
  startHarness,
  waitFor,
  type Harness,
} from "../payment-methods/support/app-harness";
import { appLinkOf } from "../payment-methods/support/app-link";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

let n = 0;
const email = () => `trial${++n}-${Date.now()}@example.com`;

async function approve(link: string, instrument: string) {
  const res = await harness.sandboxPost("/payfront/billing/approve", {
    token: checkoutToken(link),
    instrument,
  });
  expect([200, 302, 303]).toContain(res.status);
}

async function subscriptionOf(userId: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.userId, userId));
  return row;
}

async function sandboxCharges(userId: string) {
  const [row] = await db().execute<{ approved: number }>(sql`
    select count(approved_at)::int as approved from sandbox_toss_pay.charges
    where user_id = ${userId}`);
  return row?.approved ?? -1;
}

/** A customer subscribes to `plan` and approves `instrument` in the sandbox's Toss app. */
async function subscribeWith(planSlug: string, instrument: string) {
  const user = await createCustomer(email());
  const { method } = await startCheckout({ provider: "toss_pay", userId: user.id, planSlug });
  await approve(appLinkOf(method), instrument);
  await waitFor(async () => {
    const status = await getRegistrationStatus(user.id, method.id);
    return status?.state === "active";
  });
  return { user, method };
}

describe("one free trial per payment instrument", () => {
  it("starts the second account on the same card paid, and only after it agrees", async () => {
    const plan = await createPlan({ trialDays: 14 });
    const first = await subscribeWith(plan.slug, "card:4:normal");
    expect((await subscriptionOf(first.user.id))?.status).toBe("trialing");
    expect(await db().select().from(trialInstruments)).toHaveLength(1);

    // A throwaway account with the same card: no trial, and nothing charged yet.
    const second = await subscribeWith(plan.slug, "card:4:normal");
    const waiting = await subscriptionOf(second.user.id);
    expect(waiting).toMatchObject({ status: "incomplete", trialStart: null });
    expect(await sandboxCharges(second.method.providerCustomerId)).toBe(0);
    const status = await getRegistrationStatus(second.user.id, second.method.id);
    expect(status?.paidStartOffer?.amount).toBe(9_900);
    expect(status?.paidStartOffer?.consentText).toMatch(
      /^베이직 9,900원\(부가세 포함\)이 오늘 결제되고, 이후 매월 \d+일/,
    );

    // The engine itself refuses to charge it before the customer agrees, whoever asks.
    expect(await chargeOutstandingPeriod(waiting!.id)).toEqual({
      kind: "skipped",
      reason: "not_chargeable",
    });
    expect(await sandboxCharges(second.method.providerCustomerId)).toBe(0);

    // Words other than the ones on screen are refused…
    await expect(
      confirmPaidStart({ userId: second.user.id, consentText: "다른 문구", ip: null }),
    ).rejects.toMatchObject({ code: "conflict" });

    // …the ones on screen charge the first period once, and are stored as the consent.
    const offer = await findPaidStartOffer(db(), second.user.id, new Date());
    const outcome = await confirmPaidStart({
      userId: second.user.id,
      consentText: offer!.consentText,
      ip: "203.0.113.9",
    });
    expect(outcome).toMatchObject({ kind: "settled", result: "succeeded" });
    expect(await subscriptionOf(second.user.id)).toMatchObject({
      status: "active",
      periodNumber: 1,
    });
    expect(await sandboxCharges(second.method.providerCustomerId)).toBe(1);
    const recorded = await db()
      .select()
      .from(consents)
      .where(and(eq(consents.userId, second.user.id), eq(consents.kind, "recurring_billing")));
    expect(recorded.map((c) => c.wording)).toContain(offer!.consentText);
    const [confirmed] = await db()
      .select()
      .from(paidStartOffers)
      .where(eq(paidStartOffers.subscriptionId, waiting!.id));
    expect(confirmed?.confirmedAt).not.toBeNull();
  });

  it("still gives a different card its own trial", async () => {
    const plan = await createPlan({ trialDays: 7 });
    await subscribeWith(plan.slug, "card:3:normal");
    const other = await subscribeWith(plan.slug, "card:6:normal");
    expect((await subscriptionOf(other.user.id))?.status).toBe("trialing");
  });

  it("tells an account that already had a trial before it agrees, and charges it today", async () => {
    const plan = await createPlan({ trialDays: 14 });
    const { user } = await subscribeWith(plan.slug, "card:7:normal");
    const sub = await subscriptionOf(user.id);
    await db()
      .update(subscriptions)
      .set({ status: "canceled", endedAt: new Date() })
      .where(eq(subscriptions.id, sub!.id));

    const consent = await checkoutConsent(db(), {
      userId: user.id,
      plan,
      provider: "toss_pay",
      now: new Date(),
    });
    expect(consent).toMatchObject({ trialDays: 0, trialRefused: true });
    expect(consent.text).toContain("9,900원(부가세 포함)이 오늘 결제되고");
  });
});
