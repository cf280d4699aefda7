// Plan changes against the Toss Pay sandbox over real HTTP: what the sandbox's own ledger says
// was charged is the proof (one charge per change, under the proration order id).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { orderIdFor } from "@/lib/billing/order-id";
import { changePlan, completePlanChanges } from "@/lib/billing/plan-changes";
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
    // 20 of 30 days left of a ₩10,000 difference.
    expect(outcome).toMatchObject({ kind: "upgraded", charged: 6_666 });
    const orderId = orderIdFor({
      subscriptionId: subscriber.subscription.id,
      periodNumber: 1,
      attemptNumber: 1,
      purpose: "proration",
    });
    const charged = (await harness.ledger()).filter((c) => c.orderNo === orderId);
    expect(charged).toHaveLength(1);
    expect(charged[0]).toMatchObject({ amount: 6_666 });
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
    await completePlanChanges({ now: later, providerFor: harness.providerFor });
    await completePlanChanges({ now: later, providerFor: harness.providerFor });

    expect(await subscriptionRow(subscriber.subscription.id)).toMatchObject({ planId: pro.id });
    const attempts = await attemptsOf(subscriber.subscription.id);
    expect(attempts.map((a) => [a.purpose, a.status])).toEqual([["proration", "succeeded"]]);
    const hex = subscriber.subscription.id.replaceAll("-", "");
    const mine = (await harness.ledger()).filter((c) => c.orderNo.includes(hex) && c.transactionId);
    expect(mine.map((c) => c.orderNo)).toEqual([attempts[0]!.orderId]);
  });
});
