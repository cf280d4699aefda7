// The account page's "다음 결제" against the engine, for every renewal case: what
// getAccountOverview's nextRenewal says (the data /account renders) is then checked by letting
// the billing run actually renew the subscription through the Toss Pay sandbox. The page's
// figure must be the amount charged; "ends" must charge nothing and end it; "no method" must
// charge nothing and not end it.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { adminActor } from "@/lib/audit/actor";
import { changePlan } from "@/lib/billing/change-plan";
import { raisePlanPrice } from "@/lib/billing/raise-plan-price";
import { requestTrialConversionConsent } from "@/lib/billing/request-trial-conversion-consent";
import { respondToConsent } from "@/lib/billing/respond-to-consent";
import { runBilling } from "@/lib/jobs/run-billing";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  consents,
  merchantSettings,
  paymentMethods,
  users,
  type Plan,
} from "@/lib/db/schema";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import type { NextRenewal } from "@/lib/subscriptions/next-renewal";
import {
  createPlan,
  createSubscriber,
  retireEverything,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
  type Subscriber,
} from "../billing/support/billing-harness";

const DAY = 24 * 60 * 60 * 1000;
let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
afterEach(retireEverything);

type Policy = "renew_at_old_price" | "cancel_at_period_end";

async function setPolicy(policy: Policy) {
  await db()
    .insert(merchantSettings)
    .values({ id: 1, consentFallbackPolicy: policy })
    .onConflictDoUpdate({ target: merchantSettings.id, set: { consentFallbackPolicy: policy } });
}

/** An active subscriber of `plan` renewing in 20 days (inside the 30-day consent window). */
async function activeSubscriber(plan: Plan, options: { withMethod?: boolean } = {}) {
  const now = Date.now();
  return createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: new Date(now - 10 * DAY),
    periodEnd: new Date(now + 20 * DAY),
    ...options,
  });
}

async function trialSubscriber() {
  const now = new Date();
  const plan = await createPlan({ name: "프로", amount: 19_900, trialDays: 14 });
  const trialEnd = new Date(now.getTime() + 14 * DAY);
  const subscriber = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan,
    periodStart: now,
    periodEnd: trialEnd,
    subscription: {
      status: "trialing",
      trialStart: now,
      trialEnd,
      nextChargeAt: trialEnd,
      currentPeriodStart: null,
      currentPeriodEnd: null,
    },
  });
  const consent = await db().transaction((tx) =>
    requestTrialConversionConsent(tx, subscriber.subscription, now),
  );
  if (!consent) throw new Error("no trial consent request");
  return { subscriber, consentId: consent.id };
}

async function priceRiseAsked(subscriber: Subscriber, plan: Plan, newAmount: number) {
  const [admin] = await db()
    .insert(users)
    .values({ email: `admin-${crypto.randomUUID()}@example.com`, role: "admin" })
    .returning();
  await raisePlanPrice(plan.id, newAmount, adminActor({ userId: admin!.id }));
  const [asked] = await db()
    .select()
    .from(consents)
    .where(eq(consents.subscriptionId, subscriber.subscription.id));
  if (!asked) throw new Error("the price rise asked nobody");
  return asked.id;
}

function answer(subscriber: Subscriber, consentId: string, accept: boolean) {
  return respondToConsent({
    consentId,
    userId: subscriber.userId,
    accept,
    ip: null,
    userAgent: null,
  });
}

/** What the page shows, then what the engine does when the renewal is due. */
async function pageThenEngine(subscriber: Subscriber) {
  const shown = (await getAccountOverview(subscriber.userId)).nextRenewal;
  const due = (await subscriptionRow(subscriber.subscription.id)).nextChargeAt;
  if (!due) throw new Error("nothing due");
  await runBilling({ now: due, providerFor: harness.providerFor, sweepRegistrations: false });
  const attempts = await db()
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.subscriptionId, subscriber.subscription.id));
  const ledger = (await harness.ledger()).filter(
    (c) => c.userId === subscriber.providerCustomerId && c.payStatus !== "PAY_FAILED",
  );
  return {
    shown,
    charged: attempts.filter((a) => a.status === "succeeded").map((a) => a.amount),
    ledger: ledger.map((c) => c.amount),
    after: await subscriptionRow(subscriber.subscription.id),
  };
}

function expectCharged(
  result: Awaited<ReturnType<typeof pageThenEngine>>,
  expected: Extract<NextRenewal, { kind: "charge" }>["amount"],
) {
  expect(result.shown).toMatchObject({ kind: "charge", amount: expected });
  expect(result.charged).toEqual([expected]);
  expect(result.ledger).toEqual([expected]);
  expect(result.after.status).toBe("active");
}

function expectEndedUnpaid(result: Awaited<ReturnType<typeof pageThenEngine>>) {
  expect(result.shown.kind).toBe("ends");
  expect(result.charged).toEqual([]);
  expect(result.ledger).toEqual([]);
  expect(result.after.status).toBe("canceled");
}

describe("the account page shows what the renewal charges", () => {
  it("a downgrade from 프로 to 베이직 scheduled for the renewal: 9,900원, not 19,900원", async () => {
    await setPolicy("renew_at_old_price");
    const pro = await createPlan({ name: "프로", amount: 19_900 });
    const basic = await createPlan({ name: "베이직", amount: 9_900 });
    const subscriber = await activeSubscriber(pro);
    const scheduled = await changePlan(
      { userId: subscriber.userId, planId: basic.id, actor: `customer:${subscriber.userId}` },
      { providerFor: harness.providerFor },
    );
    expect(scheduled.kind).toBe("downgrade_scheduled");
    const result = await pageThenEngine(subscriber);
    expect(result.shown).toMatchObject({ newPlanName: "베이직" });
    expectCharged(result, 9_900);
    expect(result.after.planId).toBe(basic.id);
  });

  it("a price rise the customer accepted: the new price", async () => {
    await setPolicy("cancel_at_period_end");
    const plan = await createPlan({ amount: 9_900 });
    const subscriber = await activeSubscriber(plan);
    await answer(subscriber, await priceRiseAsked(subscriber, plan, 12_900), true);
    expectCharged(await pageThenEngine(subscriber), 12_900);
  });

  for (const policy of ["renew_at_old_price", "cancel_at_period_end"] as const) {
    for (const answered of ["declined", "unanswered"] as const) {
      it(`a price rise ${answered} under ${policy}: ${policy === "renew_at_old_price" ? "the old price" : "ends unpaid"}`, async () => {
        await setPolicy(policy);
        const plan = await createPlan({ amount: 9_900 });
        const subscriber = await activeSubscriber(plan);
        const consentId = await priceRiseAsked(subscriber, plan, 12_900);
        if (answered === "declined") await answer(subscriber, consentId, false);
        const result = await pageThenEngine(subscriber);
        if (policy === "renew_at_old_price") {
          expectCharged(result, 9_900);
          expect(result.shown).toMatchObject({
            note: answered === "unanswered" ? "price_rise_asked" : null,
          });
        } else {
          expectEndedUnpaid(result);
          // Until the date the customer can still accept, and the page says at what price.
          expect(result.shown).toMatchObject({
            reason: answered === "declined" ? "price_rise_declined" : "price_rise_unanswered",
            ifAccepted: 12_900,
          });
        }
      });
    }
  }

  it("a trial whose conversion was accepted: the plan's price at trial end", async () => {
    const { subscriber, consentId } = await trialSubscriber();
    await answer(subscriber, consentId, true);
    expectCharged(await pageThenEngine(subscriber), 19_900);
  });

  it("a trial without consent to convert: ends, nothing charged", async () => {
    const { subscriber } = await trialSubscriber();
    const result = await pageThenEngine(subscriber);
    expectEndedUnpaid(result);
    expect(result.shown).toMatchObject({ reason: "trial_not_converted", ifAccepted: 19_900 });
  });

  it("the payment method was removed: no price is promised, nothing charged, the customer is asked for one", async () => {
    const plan = await createPlan({ amount: 9_900 });
    const subscriber = await activeSubscriber(plan);
    await db()
      .update(paymentMethods)
      .set({ status: "removed", removedAt: new Date() })
      .where(eq(paymentMethods.userId, subscriber.userId));
    const result = await pageThenEngine(subscriber);
    expect(result.shown).toMatchObject({ kind: "no_method", amount: 9_900 });
    expect(result.charged).toEqual([]);
    expect(result.ledger).toEqual([]);
    expect(result.after.status).toBe("past_due");
  });
});
