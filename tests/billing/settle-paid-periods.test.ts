// The billing run's group commit writes the successes of a batch with multi-row statements
// (lib/billing/settle-paid-periods.ts). Each subscription renewed that way must end exactly as
// one settled alone on the one-by-one path (settleChargeAttempt): the same period, the same
// history entry, the same notice. And a batch that mixes in answers outside the common case
// (another amount, a canceled subscription, a decline) settles those as before.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runBilling } from "@/lib/jobs/run-billing";
import {
  settleChargeAttempt,
  settleChargeAttempts,
  type SettleResult,
} from "@/lib/billing/settle-charge-attempt";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  notifications,
  subscriptionEvents,
  type ChargeAttempt,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import {
  attemptsOf,
  createPlan,
  createSubscriber,
  retireEverything,
  startBillingHarness,
  subscriptionRow,
  type BillingHarness,
  type Subscriber,
} from "./support/billing-harness";

const kst = (s: string) => new Date(`${s}+09:00`);
const HOUR = 60 * 60 * 1000;

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());
afterEach(retireEverything);

function success(
  attempt: Pick<ChargeAttempt, "orderId">,
  amount: number,
  approvedAt: Date,
): Extract<SettleResult, { outcome: "succeeded" }> {
  return {
    outcome: "succeeded",
    code: null,
    merchantMessage: "approved",
    customerMessage: "결제됐어요.",
    raw: { payStatus: "PAY_COMPLETE", amount },
    charge: {
      orderId: attempt.orderId,
      providerPaymentId: `pay-${attempt.orderId}`,
      providerTransactionId: `tx-${attempt.orderId}`,
      amount,
      approvedAt,
      receiptUrl: `https://receipts.example/${attempt.orderId}`,
      method: null,
      testMode: true,
    },
  };
}

/** The pending attempt for period 2, as the run's reservation would record it. */
async function reservePeriodTwo(s: Subscriber, plan: Plan, now: Date): Promise<ChargeAttempt> {
  const [attempt] = await db()
    .insert(chargeAttempts)
    .values({
      subscriptionId: s.subscription.id,
      userId: s.userId,
      paymentMethodId: s.methodId,
      provider: harness.driver.provider,
      orderId: `sub_${s.subscription.id.replaceAll("-", "")}_p2_a1`,
      periodNumber: 2,
      attemptNumber: 1,
      amount: plan.amount,
      status: "pending",
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  return attempt!;
}

// What the settle writes of a subscription (the lease columns are the run's own).
const settledColumns = (sub: Subscription) => ({
  status: sub.status,
  periodNumber: sub.periodNumber,
  billingAnchorAt: sub.billingAnchorAt,
  currentPeriodStart: sub.currentPeriodStart,
  currentPeriodEnd: sub.currentPeriodEnd,
  nextChargeAt: sub.nextChargeAt,
  dunningAttempts: sub.dunningAttempts,
  dunningStartedAt: sub.dunningStartedAt,
  unpaidSince: sub.unpaidSince,
  incompleteExpiresAt: sub.incompleteExpiresAt,
});

async function historyOf(subscriptionId: string) {
  return db()
    .select({
      type: subscriptionEvents.type,
      fromStatus: subscriptionEvents.fromStatus,
      toStatus: subscriptionEvents.toStatus,
      actor: subscriptionEvents.actor,
      data: subscriptionEvents.data,
      createdAt: subscriptionEvents.createdAt,
    })
    .from(subscriptionEvents)
    .where(eq(subscriptionEvents.subscriptionId, subscriptionId));
}

async function outboxOf(subscriptionId: string) {
  return db()
    .select({
      kind: notifications.kind,
      dedupeKey: notifications.dedupeKey,
      subject: notifications.subject,
      data: notifications.data,
      sendAfter: notifications.sendAfter,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.subscriptionId, subscriptionId));
}

/** `value` (JSON) with every occurrence of each key's string replaced by its value. */
function renamed(value: unknown, names: Record<string, string>): unknown {
  let text = JSON.stringify(value);
  for (const [from, to] of Object.entries(names)) text = text.replaceAll(from, to);
  return JSON.parse(text);
}

describe("a billing run's group commit of successes", () => {
  it("renews each subscription exactly as one settled alone", async () => {
    const plan = await createPlan({ amount: 9_900 });
    const start = kst("2028-01-31T10:00:00");
    const end = kst("2028-02-29T10:00:00");
    const now = new Date(end.getTime() + HOUR);
    // Two shapes: a plain renewal (receipt) and a dunning retry that recovers the subscription
    // (payment_recovered, dunning cleared).
    const shapes = {
      renewal: {},
      recovery: {
        status: "past_due" as const,
        dunningAttempts: 2,
        dunningStartedAt: new Date(end.getTime() - 3 * 24 * HOUR),
        nextChargeAt: new Date(end.getTime() - HOUR),
      },
    };
    const batched: { shape: keyof typeof shapes; s: Subscriber }[] = [];
    const alone = new Map<keyof typeof shapes, Subscriber>();
    for (const shape of Object.keys(shapes) as (keyof typeof shapes)[]) {
      for (let i = 0; i < 4; i += 1) {
        const s = await createSubscriber({
          sandboxUrl: harness.sandboxUrl,
          plan,
          periodStart: start,
          periodEnd: end,
          subscription: shapes[shape],
        });
        batched.push({ shape, s });
      }
      // Not due (the run leaves it alone); settled below on the one-by-one path.
      alone.set(
        shape,
        await createSubscriber({
          sandboxUrl: harness.sandboxUrl,
          plan,
          periodStart: start,
          periodEnd: end,
          subscription: { ...shapes[shape], nextChargeAt: null },
        }),
      );
    }

    const summary = await runBilling({
      now,
      providerFor: harness.providerFor,
      sweepRegistrations: false,
      concurrency: 16,
    });
    expect(summary).toMatchObject({ claimed: batched.length, succeeded: batched.length });

    const expected = new Map<keyof typeof shapes, { attempt: ChargeAttempt; sub: Subscription }>();
    for (const [shape, s] of alone) {
      const reserved = await reservePeriodTwo(s, plan, now);
      const attempt = await settleChargeAttempt(
        reserved.id,
        success(reserved, plan.amount, new Date(now.getTime() - 1_000)),
        { now },
      );
      expect(attempt?.status).toBe("succeeded");
      expect(await historyOf(s.subscription.id)).toHaveLength(1);
      expect(await outboxOf(s.subscription.id)).toHaveLength(1);
      expected.set(shape, { attempt: attempt!, sub: await subscriptionRow(s.subscription.id) });
    }

    for (const { shape, s } of batched) {
      const twin = expected.get(shape)!;
      const attempts = await attemptsOf(s.subscription.id);
      expect(attempts.map((a) => [a.periodNumber, a.status, a.amount])).toEqual([
        [2, "succeeded", plan.amount],
      ]);
      const attempt = attempts[0]!;
      expect(attempt.providerPaymentId).toBeTruthy();
      expect(attempt.approvedAt).toBeInstanceOf(Date);
      expect(attempt.updatedAt).toEqual(now);
      // The provider's answer is stored as a JSON object, not as a string of one.
      const [raw] = await db().execute<{ type: string }>(
        sql`select jsonb_typeof(raw_response) as type from charge_attempts where id = ${attempt.id}`,
      );
      expect(raw?.type).toBe("object");

      const sub = await subscriptionRow(s.subscription.id);
      expect(settledColumns(sub)).toEqual(settledColumns(twin.sub));
      expect(sub.updatedAt.getTime()).toBeGreaterThanOrEqual(now.getTime());

      // The twin's values in its rows, and this attempt's (the receipt URL first: it holds the
      // order id).
      const names = {
        [twin.attempt.receiptUrl!]: attempt.receiptUrl ?? "",
        [twin.attempt.id]: attempt.id,
        [twin.attempt.orderId]: attempt.orderId,
        [twin.attempt.approvedAt!.toISOString()]: attempt.approvedAt!.toISOString(),
      };
      expect(renamed(await historyOf(s.subscription.id), {})).toEqual(
        renamed(await historyOf(twin.sub.id), names),
      );
      const outbox = await outboxOf(s.subscription.id);
      const kind = shape === "renewal" ? "receipt" : "payment_recovered";
      expect(outbox).toHaveLength(1);
      expect(outbox[0]).toMatchObject({ kind, dedupeKey: `${kind}:${attempt.id}` });
      const twinOutbox = (await outboxOf(twin.sub.id)).map((n) => ({
        ...n,
        sendAfter: n.sendAfter.toISOString(),
        createdAt: n.createdAt.toISOString(),
      }));
      expect(
        outbox.map((n) => ({
          ...n,
          sendAfter: n.sendAfter.toISOString(),
          createdAt: n.createdAt.toISOString(),
          // receiptUrl is the sandbox's own (null for some providers); compared via `names`.
          data: { ...n.data, receiptUrl: n.data.receiptUrl ?? "" },
        })),
      ).toEqual(
        (renamed(twinOutbox, names) as typeof twinOutbox).map((n) => ({
          ...n,
          data: { ...n.data, receiptUrl: n.data.receiptUrl ?? "" },
        })),
      );
    }
  });

  it("settles the answers outside the common case in the same batch as before", async () => {
    const plan = await createPlan({ amount: 12_000 });
    const start = kst("2028-03-10T10:00:00");
    const end = kst("2028-04-10T10:00:00");
    const now = new Date(end.getTime() + HOUR);
    const make = () =>
      createSubscriber({
        sandboxUrl: harness.sandboxUrl,
        plan,
        periodStart: start,
        periodEnd: end,
      });
    const [paidA, paidB, mismatch, canceled, declined] = await Promise.all([
      make(),
      make(),
      make(),
      make(),
      make(),
    ]);
    const attempts = new Map<string, ChargeAttempt>();
    for (const s of [paidA, paidB, mismatch, canceled, declined]) {
      attempts.set(s.subscription.id, await reservePeriodTwo(s, plan, now));
    }
    // Canceled while its charge was in flight: the money needs a refund decision.
    await db().execute(
      sql`update subscriptions set status = 'canceled', canceled_at = ${now.toISOString()}::timestamptz,
          ended_at = ${now.toISOString()}::timestamptz, next_charge_at = null
          where id = ${canceled.subscription.id}`,
    );
    const item = (s: Subscriber, result: SettleResult) => ({
      attemptId: attempts.get(s.subscription.id)!.id,
      subscriptionId: s.subscription.id,
      result,
    });
    const ok = (s: Subscriber, amount = plan.amount) =>
      success(attempts.get(s.subscription.id)!, amount, now);
    const settled = await settleChargeAttempts(
      [
        item(paidA, ok(paidA)),
        item(mismatch, ok(mismatch, plan.amount + 1)),
        item(canceled, ok(canceled)),
        item(declined, {
          outcome: "declined",
          code: "INSUFFICIENT_BALANCE",
          merchantMessage: "insufficient balance",
          customerMessage: "잔액이 부족해요.",
          raw: { code: "INSUFFICIENT_BALANCE" },
        }),
        item(paidB, ok(paidB)),
      ],
      { now },
    );

    // In order: each item's attempt and where its subscription stands.
    expect(settled.map((s) => [s?.attempt.status, s?.subscription.status])).toEqual([
      ["succeeded", "active"],
      ["unknown", "active"],
      ["succeeded", "canceled"],
      ["failed", "past_due"],
      ["succeeded", "active"],
    ]);
    for (const s of [paidA, paidB]) {
      const sub = await subscriptionRow(s.subscription.id);
      expect(sub).toMatchObject({ status: "active", periodNumber: 2, currentPeriodStart: end });
      expect(settled.find((x) => x?.attempt.subscriptionId === sub.id)?.subscription).toEqual({
        status: "active",
        nextChargeAt: sub.nextChargeAt,
      });
      expect((await historyOf(sub.id)).map((e) => e.type)).toEqual(["period_paid"]);
      expect((await outboxOf(sub.id)).map((n) => n.dedupeKey)).toEqual([
        `receipt:${attempts.get(sub.id)!.id}`,
      ]);
    }
    // Another amount: held for review, the period not paid.
    const held = await subscriptionRow(mismatch.subscription.id);
    expect(held.periodNumber).toBe(1);
    expect(settled[1]!.attempt.errorCode).toBe("AMOUNT_MISMATCH");
    expect(await historyOf(held.id)).toEqual([]);
    // Canceled in flight: recorded for a refund decision, the subscription untouched.
    expect((await historyOf(canceled.subscription.id)).map((e) => e.type)).toEqual([
      "charge_needs_review",
    ]);
    expect((await subscriptionRow(canceled.subscription.id)).periodNumber).toBe(1);
    expect(await outboxOf(canceled.subscription.id)).toEqual([]);
    // A decline starts dunning.
    expect((await subscriptionRow(declined.subscription.id)).dunningAttempts).toBe(1);
    expect(
      await db()
        .select({ n: sql<number>`count(*)::int` })
        .from(notifications)
        .where(
          and(
            eq(notifications.subscriptionId, declined.subscription.id),
            eq(notifications.kind, "payment_failed"),
          ),
        ),
    ).toEqual([{ n: 1 }]);
  });
});
