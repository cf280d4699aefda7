// Plan changes against the Toss Pay sandbox over real HTTP: what the sandbox's own ledger says
// was charged is the proof (one charge per change, under the proration order id).
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { orderIdFor } from "@/lib/billing/order-id";
import { changePlan } from "@/lib/billing/change-plan";
import { reconcileUnresolvedAttempts } from "@/lib/billing/reconcile-unresolved-attempts";
import { db } from "@/lib/db/client";
import { planChangeCharges, subscriptionEvents } from "@/lib/db/schema";
import { runBilling } from "@/lib/jobs/run-billing";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import {
  attemptsOf,
  createPlan,
  createSubscriber,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
} from "./support/billing-harness";

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterEach(() =>
  harness.setFaults({ latencyMs: 0, errorRate: 0, timeoutRate: 0, lostResponseRate: 0 }),
);
afterAll(() => harness.close());

const DAY = 24 * 60 * 60 * 1000;

async function midPeriodSubscriber() {
  const now = new Date();
  const basic = await createPlan({ amount: 9_900 });
  const pro = await createPlan({ name: "프로", amount: 19_900 });
  const subscriber = await createSubscriber({
    sandboxUrl: harness.sandboxUrl,
    plan: basic,
    periodStart: new Date(now.getTime() - 10 * DAY),
    periodEnd: new Date(now.getTime() + 20 * DAY),
  });
  return { now, basic, pro, subscriber };
}

describe("plan changes on the sandbox", () => {
  it("an upgrade is charged once, for the prorated difference, under the proration order id", async () => {
    const { now, pro, subscriber } = await midPeriodSubscriber();
    const outcome = await changePlan(
      { userId: subscriber.userId, planId: pro.id, actor: `customer:${subscriber.userId}` },
      { now, providerFor: harness.providerFor },
    );
    // 20 of 30 days left of a 10,000 won difference.
    expect(outcome).toMatchObject({ kind: "upgraded", charged: 6_660 });
    const orderId = orderIdFor({
      subscriptionId: subscriber.subscription.id,
      periodNumber: 1,
      attemptNumber: 1,
      purpose: "proration",
    });
    const charged = (await harness.ledger()).filter((c) => c.orderNo === orderId);
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({ amount: 6_660 });
    expect(charged[0]!.transactionId).toBeTruthy();
    expect(await subscriptionRow(subscriber.subscription.id)).toMatchObject({
      planId: pro.id,
      priceAmount: 19_900,
    });
  });

  it("a lost response is resolved by looking the same order id up: charged once, applied once", async () => {
    const { now, pro, subscriber } = await midPeriodSubscriber();
    await harness.setFaults({ lostResponseRate: 1 });
    const first = await changePlan(
      { userId: subscriber.userId, planId: pro.id, actor: `customer:${subscriber.userId}` },
      { now, providerFor: harness.providerFor },
    );
    expect(first.kind).toBe("pending");
    expect((await subscriptionRow(subscriber.subscription.id)).planId).not.toBe(pro.id);

    await harness.setFaults({ lostResponseRate: 0 });
    const later = new Date(now.getTime() + 2 * 60_000);
    const reconcile = () =>
      reconcileUnresolvedAttempts({ now: later, concurrency: 1, providerFor: harness.providerFor });
    await reconcile();
    await reconcile();

    expect(await subscriptionRow(subscriber.subscription.id)).toMatchObject({ planId: pro.id });
    const attempts = await attemptsOf(subscriber.subscription.id);
    expect(attempts.map((a) => [a.purpose, a.status])).toEqual([["proration", "succeeded"]]);
    const hex = subscriber.subscription.id.replaceAll("-", "");
    const mine = (await harness.ledger()).filter((c) => c.orderNo.includes(hex) && c.transactionId);
    expect(mine.map((c) => c.orderNo)).toEqual([attempts[0]!.orderId]);
  });

  it("a refused lookup (rotated API key) after an unknown send never closes the attempt: no second charge", async () => {
    const { now, pro, subscriber } = await midPeriodSubscriber();
    const subscriptionId = subscriber.subscription.id;
    // The sandbox charges, but the answer never reaches us.
    await harness.setFaults({ lostResponseRate: 1 });
    const first = await changePlan(
      { userId: subscriber.userId, planId: pro.id, actor: `customer:${subscriber.userId}` },
      { now, providerFor: harness.providerFor },
    );
    expect(first.kind).toBe("pending");
    await harness.setFaults({ lostResponseRate: 0 });

    // Meanwhile the API key was rotated under us: the provider refuses every lookup
    // (401 COMMON_INVALID_API_KEY, a config_error), which says nothing about the charge.
    const rotated = createTossPayProvider({
      apiKey: "sk_test_rotated-away",
      baseUrl: harness.sandboxUrl,
      mode: "sandbox",
      timeoutMs: 1_000,
    });
    expect(
      (
        await rotated.lookUpCharge({
          orderId: first.kind === "pending" ? first.attempt.orderId : "",
        })
      ).outcome,
    ).toBe("config_error");
    const refused = () => rotated;
    const later = new Date(now.getTime() + 2 * 60_000);
    expect(
      await reconcileUnresolvedAttempts({ now: later, concurrency: 1, providerFor: refused }),
    ).toEqual({ checked: 1, settled: 0, stillUnknown: 1 });
    // checkCount: the unknown send, then the refused lookup.
    let [attempt] = await attemptsOf(subscriptionId);
    expect(attempt).toMatchObject({ status: "unknown", checkCount: 2, lastCheckedAt: later });

    // The customer tries again, at the moment the run has just looked it up: nothing is asked
    // twice at one moment, and nothing new is sent.
    const again = async (at: Date) =>
      changePlan(
        { userId: subscriber.userId, planId: pro.id, actor: `customer:${subscriber.userId}` },
        { now: at, providerFor: refused },
      );
    expect((await again(later)).kind).toBe("pending");
    [attempt] = await attemptsOf(subscriptionId);
    expect(attempt).toMatchObject({ status: "unknown", checkCount: 2 });
    // A moment later the customer's retry looks it up again, is refused again, stays unknown.
    const later2 = new Date(later.getTime() + 60_000);
    expect((await again(later2)).kind).toBe("pending");
    expect(await attemptsOf(subscriptionId)).toMatchObject([{ status: "unknown", checkCount: 3 }]);
    // A billing run with the refused key leaves it unknown too.
    const later3 = new Date(later2.getTime() + 60_000);
    await runBilling({ now: later3, providerFor: refused, sweepRegistrations: false });
    expect(await attemptsOf(subscriptionId)).toMatchObject([{ status: "unknown" }]);
    expect((await subscriptionRow(subscriptionId)).planId).not.toBe(pro.id);

    // The key is fixed: the next run's lookup finds the charge and applies the change, once.
    const fixed = new Date(later3.getTime() + 60_000);
    await runBilling({ now: fixed, providerFor: harness.providerFor, sweepRegistrations: false });
    await runBilling({ now: fixed, providerFor: harness.providerFor, sweepRegistrations: false });
    expect(await subscriptionRow(subscriptionId)).toMatchObject({
      planId: pro.id,
      priceAmount: 19_900,
    });
    const attempts = await attemptsOf(subscriptionId);
    expect(attempts.map((a) => [a.purpose, a.status])).toEqual([["proration", "succeeded"]]);
    const [change] = await db()
      .select()
      .from(planChangeCharges)
      .where(eq(planChangeCharges.chargeAttemptId, attempts[0]!.id));
    expect(change).toMatchObject({ outcome: "upgraded", completedAt: fixed });
    const upgraded = await db()
      .select()
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, subscriptionId),
          eq(subscriptionEvents.type, "plan_upgraded"),
        ),
      );
    expect(upgraded).toHaveLength(1);
    // What the sandbox received: one order id for this subscription, charged once.
    const hex = subscriptionId.replaceAll("-", "");
    const mine = (await harness.ledger()).filter((c) => c.orderNo.includes(hex));
    expect(mine.map((c) => c.orderNo)).toEqual([attempts[0]!.orderId]);
  });
});
