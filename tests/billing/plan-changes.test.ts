import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { orderIdFor } from "@/lib/billing/order-id";
import { applyPendingPlanChange } from "@/lib/billing/apply-pending-plan-change";
import { applySettledPlanChanges } from "@/lib/billing/apply-settled-plan-changes";
import { cancelScheduledPlanChange } from "@/lib/billing/cancel-scheduled-plan-change";
import { changePlan } from "@/lib/billing/change-plan";
import { previewPlanChange } from "@/lib/billing/preview-plan-change";
import { reconcileUnresolvedAttempts } from "@/lib/billing/reconcile-unresolved-attempts";
import { settleChargeAttempt } from "@/lib/billing/settle-charge-attempt";
import { encryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  consents,
  notifications,
  paymentMethods,
  planChangeCharges,
  plans,
  subscriptionEvents,
  subscriptions,
  users,
  type Plan,
  type Subscription,
  type SubscriptionEventType,
} from "@/lib/db/schema";
import type { ChargeInput, PaymentProvider } from "@/lib/payments/types";

const kst = (s: string) => new Date(`${s}+09:00`);
const MINUTE = 60_000;

// A provider with a ledger: it remembers every order id it charged, answers lookups from it,
// refuses a second charge under the same order id, and can be told how to answer the next
// charge requests (succeed, decline, lose the response after charging, time out before).
type Behavior = "succeed" | "decline" | "lost_after_charge" | "timeout_before_charge";

function ledgerProvider() {
  const ledger = new Map<string, ChargeInput>();
  const requests: ChargeInput[] = [];
  const script: Behavior[] = [];
  // What the database said when the request arrived (recorded before sending?).
  const seenStatus: (string | undefined)[] = [];
  const details = (input: ChargeInput) => ({
    orderId: input.orderId,
    providerPaymentId: `pay_${input.orderId}`,
    providerTransactionId: null,
    amount: input.amount,
    approvedAt: new Date(),
    receiptUrl: `https://receipts.test/${input.orderId}`,
    method: null,
    testMode: true,
  });
  const provider = {
    name: "toss_pay",
    mode: "sandbox",
    async charge(input: ChargeInput) {
      requests.push(input);
      const [row] = await db()
        .select({ status: chargeAttempts.status })
        .from(chargeAttempts)
        .where(eq(chargeAttempts.orderId, input.orderId));
      seenStatus.push(row?.status);
      if (ledger.has(input.orderId)) {
        return {
          outcome: "unknown",
          code: "PAYMENT_DUPLICATION_ORDER_NO",
          merchantMessage: "duplicate",
          customerMessage: "확인 중",
          raw: null,
        };
      }
      const behavior = script.shift() ?? "succeed";
      if (behavior === "decline") {
        return {
          outcome: "declined",
          code: "LIMIT_EXCEEDED",
          merchantMessage: "card limit exceeded",
          customerMessage: "카드 한도가 부족해요.",
          raw: null,
        };
      }
      if (behavior === "timeout_before_charge") {
        return {
          outcome: "unknown",
          code: "TIMEOUT",
          merchantMessage: "timeout",
          customerMessage: "확인 중",
          raw: null,
        };
      }
      ledger.set(input.orderId, input);
      if (behavior === "lost_after_charge") {
        return {
          outcome: "unknown",
          code: "TIMEOUT",
          merchantMessage: "timeout",
          customerMessage: "확인 중",
          raw: null,
        };
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: "ok",
        customerMessage: "결제됐어요",
        raw: null,
        charge: details(input),
      };
    },
    async lookUpCharge({ orderId }: { orderId: string }) {
      const input = ledger.get(orderId);
      if (!input) {
        return {
          outcome: "not_found",
          code: "NOT_FOUND",
          merchantMessage: "none",
          customerMessage: "없음",
          raw: null,
        };
      }
      return {
        outcome: "succeeded",
        code: null,
        merchantMessage: "ok",
        customerMessage: "결제됐어요",
        raw: null,
        charge: {
          ...details(input),
          refundedAmount: 0,
          refundableAmount: input.amount,
          transactions: [],
        },
      };
    },
  } as unknown as PaymentProvider;
  return { provider, ledger, requests, script, seenStatus };
}

async function createPlan(values: Partial<typeof plans.$inferInsert> = {}): Promise<Plan> {
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `p-${randomUUID()}`,
      name: "베이직",
      amount: 9_900,
      interval: "month",
      ...values,
    })
    .returning();
  return plan!;
}

// An active subscriber in the middle of a 30-day April period, with a usable payment method.
async function activeSubscriber(plan: Plan, overrides: Partial<Subscription> = {}) {
  const [user] = await db()
    .insert(users)
    .values({ email: `u-${randomUUID()}@example.com` })
    .returning();
  const methodId = randomUUID();
  const { ciphertext, keyVersion } = encryptBillingKey(`bk_${randomUUID()}`, methodId);
  await db().insert(paymentMethods).values({
    id: methodId,
    userId: user!.id,
    provider: "toss_pay",
    providerCustomerId: user!.providerCustomerId,
    billingKeyCiphertext: ciphertext,
    billingKeyFingerprint: randomUUID(),
    keyVersion,
    status: "active",
  });
  const start = kst("2027-04-01T00:00:00");
  const end = kst("2027-05-01T00:00:00");
  const [sub] = await db()
    .insert(subscriptions)
    .values({
      userId: user!.id,
      planId: plan.id,
      paymentMethodId: methodId,
      status: "active",
      priceAmount: plan.amount,
      priceAmountTaxFree: plan.amountTaxFree,
      periodNumber: 3,
      billingAnchorAt: kst("2027-02-01T00:00:00"),
      currentPeriodStart: start,
      currentPeriodEnd: end,
      nextChargeAt: end,
      ...overrides,
    })
    .returning();
  return { user: user!, sub: sub! };
}

async function reload(id: string) {
  const [sub] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return sub!;
}

async function eventsOf(id: string, type?: SubscriptionEventType) {
  return db()
    .select()
    .from(subscriptionEvents)
    .where(
      type
        ? and(eq(subscriptionEvents.subscriptionId, id), eq(subscriptionEvents.type, type))
        : eq(subscriptionEvents.subscriptionId, id),
    );
}

async function attemptsOf(id: string) {
  return db().select().from(chargeAttempts).where(eq(chargeAttempts.subscriptionId, id));
}

const midApril = kst("2027-04-11T00:00:00"); // 20 of 30 days left, today included

describe("upgrade", () => {
  it("charges the prorated difference under a deterministic order id recorded before sending, then switches", async () => {
    const basic = await createPlan();
    const pro = await createPlan({ name: "프로", amount: 19_900 });
    const { user, sub } = await activeSubscriber(basic);
    const p = ledgerProvider();

    const preview = await previewPlanChange({ userId: user.id, planId: pro.id, now: midApril });
    expect(preview).toMatchObject({ kind: "upgrade", chargeNow: 6_660 });

    const outcome = await changePlan(
      { userId: user.id, planId: pro.id, actor: `customer:${user.id}` },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(outcome).toMatchObject({ kind: "upgraded", charged: 6_660 });

    const orderId = orderIdFor({
      subscriptionId: sub.id,
      periodNumber: 3,
      attemptNumber: 1,
      purpose: "proration",
    });
    expect(p.requests.map((r) => [r.orderId, r.amount])).toEqual([[orderId, 6_660]]);
    expect(p.requests[0]!.orderName).toBe("프로 요금제 변경 차액");
    // The attempt existed (pending) before the request left.
    expect(p.seenStatus).toEqual(["pending"]);

    const [attempt] = await attemptsOf(sub.id);
    expect(attempt).toMatchObject({
      orderId,
      purpose: "proration",
      status: "succeeded",
      amount: 6_660,
      periodNumber: 3,
    });

    const after = await reload(sub.id);
    expect(after).toMatchObject({ planId: pro.id, priceAmount: 19_900, periodNumber: 3 });
    expect(after.currentPeriodEnd).toEqual(sub.currentPeriodEnd);

    const [event] = await eventsOf(sub.id, "plan_upgraded");
    expect(event).toMatchObject({ actor: `customer:${user.id}` });
    expect(event!.data).toMatchObject({
      fromPlanId: basic.id,
      toPlanId: pro.id,
      charged: 6_660,
      attemptId: attempt!.id,
    });

    const [receipt] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `receipt:${attempt!.id}`));
    expect(receipt?.subject).toContain("6,660원");
    expect(receipt?.body).toContain(`https://receipts.test/${orderId}`);

    // The run's sweep of settled-but-unapplied changes finds nothing.
    expect(await applySettledPlanChanges({ now: midApril })).toEqual({
      completed: 0,
      stillPending: 0,
    });
    expect(await eventsOf(sub.id, "plan_upgraded")).toHaveLength(1);
  });

  it("a declined charge changes nothing; the next try uses the next attempt number", async () => {
    const basic = await createPlan();
    const pro = await createPlan({ amount: 19_900 });
    const { user, sub } = await activeSubscriber(basic);
    const p = ledgerProvider();
    p.script.push("decline");

    const outcome = await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(outcome).toMatchObject({
      kind: "declined",
      customerMessage: "카드 한도가 부족해요.",
      needsNewMethod: false,
    });
    expect(await reload(sub.id)).toMatchObject({ planId: basic.id, priceAmount: 9_900 });
    expect(await eventsOf(sub.id, "plan_change_failed")).toHaveLength(1);

    const retry = await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(retry.kind).toBe("upgraded");
    expect(p.requests.map((r) => r.orderId)).toEqual([
      orderIdFor({
        subscriptionId: sub.id,
        periodNumber: 3,
        attemptNumber: 1,
        purpose: "proration",
      }),
      orderIdFor({
        subscriptionId: sub.id,
        periodNumber: 3,
        attemptNumber: 2,
        purpose: "proration",
      }),
    ]);
  });

  it("an unknown answer is looked up by the same order id, never re-sent under a new one", async () => {
    const basic = await createPlan();
    const pro = await createPlan({ amount: 19_900 });
    const { user, sub } = await activeSubscriber(basic);
    const p = ledgerProvider();
    p.script.push("lost_after_charge");

    const first = await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(first.kind).toBe("pending");
    expect(await reload(sub.id)).toMatchObject({ planId: basic.id });

    // Asking again at once: still in flight, nothing sent.
    const again = await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: new Date(midApril.getTime() + 1000), providerFor: () => p.provider },
    );
    expect(again.kind).toBe("pending");
    expect(p.requests).toHaveLength(1);

    // The run's shared reconcile step after the grace period looks the order id up; settling it
    // applies the change.
    const sweep = await reconcileUnresolvedAttempts({
      now: new Date(midApril.getTime() + 2 * MINUTE),
      concurrency: 1,
      providerFor: () => p.provider,
    });
    expect(sweep).toEqual({ checked: 1, settled: 1, stillUnknown: 0 });
    expect(await reload(sub.id)).toMatchObject({ planId: pro.id, priceAmount: 19_900 });
    expect(p.requests).toHaveLength(1);
    expect(p.ledger.size).toBe(1);
    const attempts = await attemptsOf(sub.id);
    expect(attempts.map((a) => a.status)).toEqual(["succeeded"]);
  });

  it("a timeout before the provider charged becomes a failure only once the lookup is trusted", async () => {
    const basic = await createPlan();
    const pro = await createPlan({ amount: 19_900 });
    const { user, sub } = await activeSubscriber(basic);
    const p = ledgerProvider();
    p.script.push("timeout_before_charge");

    expect(
      (
        await changePlan(
          { userId: user.id, planId: pro.id, actor: "customer:x" },
          { now: midApril, providerFor: () => p.provider },
        )
      ).kind,
    ).toBe("pending");
    // After the in-flight grace but before "not found" is believed: still unknown.
    await reconcileUnresolvedAttempts({
      now: new Date(midApril.getTime() + 2 * MINUTE),
      concurrency: 1,
      providerFor: () => p.provider,
    });
    expect((await attemptsOf(sub.id))[0]!.status).toBe("unknown");
    // Ten minutes on, "no payment under this order id" is believed: closed, nothing changed.
    await reconcileUnresolvedAttempts({
      now: new Date(midApril.getTime() + 11 * MINUTE),
      concurrency: 1,
      providerFor: () => p.provider,
    });
    expect((await attemptsOf(sub.id))[0]!.status).toBe("failed");
    expect(await reload(sub.id)).toMatchObject({ planId: basic.id, priceAmount: 9_900 });
    expect(await eventsOf(sub.id, "plan_change_failed")).toHaveLength(1);
  });

  // An upgrade charged at the provider whose answer was lost: the attempt is unknown.
  async function upgradeWithLostAnswer() {
    const basic = await createPlan();
    const pro = await createPlan({ amount: 19_900 });
    const { user, sub } = await activeSubscriber(basic);
    const p = ledgerProvider();
    p.script.push("lost_after_charge");
    await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: midApril, providerFor: () => p.provider },
    );
    const [attempt] = await attemptsOf(sub.id);
    return { basic, pro, sub, p, attempt };
  }

  it("whoever settles a proration attempt applies its change, in the same transaction, once", async () => {
    const { pro, sub, p, attempt } = await upgradeWithLostAnswer();
    const answer = await p.provider.lookUpCharge({ orderId: attempt!.orderId });
    // Any step that settles it (here a bare settle, as a webhook or another run would).
    await settleChargeAttempt(attempt!.id, answer, { now: midApril });
    expect(await reload(sub.id)).toMatchObject({ planId: pro.id });
    const [change] = await db()
      .select()
      .from(planChangeCharges)
      .where(eq(planChangeCharges.chargeAttemptId, attempt!.id));
    expect(change).toMatchObject({ outcome: "upgraded", completedAt: midApril });
    // A second answer for the same attempt changes nothing.
    await settleChargeAttempt(attempt!.id, answer, { now: midApril });
    expect(await applySettledPlanChanges({ now: midApril })).toEqual({
      completed: 0,
      stillPending: 0,
    });
    expect(await eventsOf(sub.id, "plan_upgraded")).toHaveLength(1);
    expect(
      await db().select().from(notifications).where(eq(notifications.subscriptionId, sub.id)),
    ).toHaveLength(1);
    // Nothing about the reservation lives in the timeline any more.
    expect(await eventsOf(sub.id, "plan_change_charge_reserved")).toHaveLength(0);
  });

  it("a change settled before the settle hook existed is applied by the run's sweep, once", async () => {
    const { basic, pro, sub, attempt } = await upgradeWithLostAnswer();
    // As a backfilled row from before migration 0007 can be: attempt settled, change open.
    await db()
      .update(chargeAttempts)
      .set({ status: "succeeded" })
      .where(eq(chargeAttempts.id, attempt!.id));
    expect(await reload(sub.id)).toMatchObject({ planId: basic.id });

    const later = new Date(midApril.getTime() + 5 * MINUTE);
    expect(await applySettledPlanChanges({ now: later })).toEqual({
      completed: 1,
      stillPending: 0,
    });
    expect(await applySettledPlanChanges({ now: later })).toEqual({
      completed: 0,
      stillPending: 0,
    });
    expect(await reload(sub.id)).toMatchObject({ planId: pro.id });
    expect(await eventsOf(sub.id, "plan_upgraded")).toHaveLength(1);
  });
});

describe("downgrade", () => {
  it("is scheduled for the period end, charges nothing, and is applied at renewal", async () => {
    const pro = await createPlan({ amount: 19_900 });
    const basic = await createPlan({ amount: 9_900 });
    const { user, sub } = await activeSubscriber(pro);
    const p = ledgerProvider();

    const outcome = await changePlan(
      { userId: user.id, planId: basic.id, actor: "admin:ops" },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(outcome).toMatchObject({
      kind: "downgrade_scheduled",
      effectiveAt: sub.currentPeriodEnd,
    });
    expect(p.requests).toHaveLength(0);
    const scheduled = await reload(sub.id);
    expect(scheduled).toMatchObject({
      planId: pro.id,
      priceAmount: 19_900,
      pendingPlanId: basic.id,
    });
    expect((await eventsOf(sub.id, "plan_change_scheduled"))[0]).toMatchObject({
      actor: "admin:ops",
    });

    // Before the period end the run leaves it alone.
    const early = await db().transaction((tx) =>
      applyPendingPlanChange(tx, scheduled, new Date(sub.currentPeriodEnd!.getTime() - 1)),
    );
    expect(early).toMatchObject({ planId: pro.id, pendingPlanId: basic.id });

    const renewed = await db().transaction((tx) =>
      applyPendingPlanChange(tx, scheduled, sub.currentPeriodEnd!),
    );
    expect(renewed).toMatchObject({ planId: basic.id, priceAmount: 9_900, pendingPlanId: null });
    // Same interval: the anchor (and so month-end clamping) is kept.
    expect(renewed.billingAnchorAt).toEqual(sub.billingAnchorAt);
    expect(await reload(sub.id)).toMatchObject({ planId: basic.id, priceAmount: 9_900 });
    expect(await eventsOf(sub.id, "plan_downgraded")).toHaveLength(1);
  });

  it("keeps the price shown when it was scheduled if the plan's price rose since", async () => {
    const pro = await createPlan({ amount: 19_900 });
    const basic = await createPlan({ amount: 9_900 });
    const { user, sub } = await activeSubscriber(pro);
    await changePlan({ userId: user.id, planId: basic.id, actor: "customer:x" }, { now: midApril });
    await db().update(plans).set({ amount: 12_900 }).where(eq(plans.id, basic.id));
    const renewed = await db().transaction(async (tx) =>
      applyPendingPlanChange(tx, await reload(sub.id), sub.currentPeriodEnd!),
    );
    expect(renewed).toMatchObject({ planId: basic.id, priceAmount: 9_900 });
  });

  it("can be cancelled before it takes effect, also by choosing the current plan again", async () => {
    const pro = await createPlan({ amount: 19_900 });
    const basic = await createPlan({ amount: 9_900 });
    const { user, sub } = await activeSubscriber(pro);
    await changePlan({ userId: user.id, planId: basic.id, actor: "customer:x" }, { now: midApril });
    await cancelScheduledPlanChange({ userId: user.id, actor: "customer:x", now: midApril });
    expect((await reload(sub.id)).pendingPlanId).toBeNull();
    await changePlan({ userId: user.id, planId: basic.id, actor: "customer:x" }, { now: midApril });
    expect(
      await changePlan({ userId: user.id, planId: pro.id, actor: "customer:x" }, { now: midApril }),
    ).toMatchObject({
      kind: "scheduled_change_canceled",
    });
    expect((await reload(sub.id)).pendingPlanId).toBeNull();
  });

  it("yearly → monthly restarts the anchor at the renewal", async () => {
    const yearly = await createPlan({ amount: 99_000, interval: "year" });
    const monthly = await createPlan({ amount: 9_900, interval: "month" });
    const { user, sub } = await activeSubscriber(yearly, {
      billingAnchorAt: kst("2027-01-31T00:00:00"),
      currentPeriodStart: kst("2027-01-31T00:00:00"),
      currentPeriodEnd: kst("2028-01-31T00:00:00"),
      nextChargeAt: kst("2028-01-31T00:00:00"),
    });
    expect(
      await changePlan(
        { userId: user.id, planId: monthly.id, actor: "customer:x" },
        { now: midApril },
      ),
    ).toMatchObject({
      kind: "downgrade_scheduled",
    });
    const renewed = await db().transaction(async (tx) =>
      applyPendingPlanChange(tx, await reload(sub.id), kst("2028-01-31T00:00:00")),
    );
    expect(renewed).toMatchObject({ planId: monthly.id, priceAmount: 9_900 });
    expect(renewed.billingAnchorAt).toEqual(kst("2028-01-31T00:00:00"));
  });
});

describe("interval change", () => {
  it("monthly → yearly starts a new paid period now, crediting the unused month", async () => {
    const monthly = await createPlan({ amount: 9_900 });
    const yearly = await createPlan({ name: "연간", amount: 99_000, interval: "year" });
    const { user, sub } = await activeSubscriber(monthly);
    const p = ledgerProvider();

    const outcome = await changePlan(
      { userId: user.id, planId: yearly.id, actor: "customer:x" },
      { now: midApril, providerFor: () => p.provider },
    );
    expect(outcome).toMatchObject({ kind: "interval_changed", charged: 92_730, credit: 6_270 });
    expect(p.requests[0]).toMatchObject({ amount: 92_730, orderName: "연간 결제 주기 변경" });

    const after = await reload(sub.id);
    expect(after).toMatchObject({
      planId: yearly.id,
      priceAmount: 99_000,
      periodNumber: 4,
      billingAnchorAt: midApril,
      currentPeriodStart: midApril,
      currentPeriodEnd: kst("2028-04-11T00:00:00"),
      nextChargeAt: kst("2028-04-11T00:00:00"),
    });
    expect((await eventsOf(sub.id, "plan_interval_changed"))[0]!.data).toMatchObject({
      charged: 92_730,
      credit: 6_270,
    });
  });
});

describe("guards", () => {
  it("refuses changes the subscription cannot take, in Korean", async () => {
    const basic = await createPlan();
    const pro = await createPlan({ amount: 19_900 });
    const pastDue = await activeSubscriber(basic, { status: "past_due" });
    await expect(
      changePlan({ userId: pastDue.user.id, planId: pro.id, actor: "c" }, { now: midApril }),
    ).rejects.toMatchObject({
      code: "conflict",
      userMessage: "결제 문제를 먼저 해결한 뒤 요금제를 바꿀 수 있어요.",
    });
    const canceling = await activeSubscriber(basic, { cancelAtPeriodEnd: true });
    await expect(
      changePlan({ userId: canceling.user.id, planId: pro.id, actor: "c" }, { now: midApril }),
    ).rejects.toMatchObject({
      code: "conflict",
    });
    const same = await activeSubscriber(basic);
    await expect(
      changePlan({ userId: same.user.id, planId: basic.id, actor: "c" }, { now: midApril }),
    ).rejects.toMatchObject({
      userMessage: "이미 이용 중인 요금제예요.",
    });
    for (const { sub } of [pastDue, canceling, same]) expect(await attemptsOf(sub.id)).toEqual([]);
  });
});

describe("during a trial", () => {
  it("switches at once without a charge and asks conversion consent for the new price", async () => {
    const basic = await createPlan({ trialDays: 14 });
    const pro = await createPlan({ name: "프로", amount: 19_900, trialDays: 14 });
    const trialEnd = kst("2027-04-15T00:00:00");
    const { user, sub } = await activeSubscriber(basic, {
      status: "trialing",
      periodNumber: 0,
      billingAnchorAt: null,
      currentPeriodStart: null,
      currentPeriodEnd: null,
      trialStart: kst("2027-04-01T00:00:00"),
      trialEnd,
      nextChargeAt: trialEnd,
    });
    const p = ledgerProvider();
    const outcome = await changePlan(
      { userId: user.id, planId: pro.id, actor: "customer:x" },
      { now: kst("2027-04-05T00:00:00"), providerFor: () => p.provider },
    );
    expect(outcome.kind).toBe("switched");
    expect(p.requests).toHaveLength(0);
    expect(await reload(sub.id)).toMatchObject({
      planId: pro.id,
      priceAmount: 19_900,
      status: "trialing",
    });
    const asked = await db().select().from(consents).where(eq(consents.subscriptionId, sub.id));
    expect(asked).toMatchObject([
      { kind: "trial_conversion", status: "requested", newAmount: 19_900, effectiveAt: trialEnd },
    ]);
  });
});
