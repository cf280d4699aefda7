// 청약철회 and cancel-now refunds end to end at the engine level: a customer links a Toss Pay
// method in the sandbox and is charged by our code; withdrawing ends the subscription through
// the state machine and refunds through lib/refunds against the sandbox's /api/v2/refunds. Each
// outcome is checked in our tables and in the sandbox's own ledger (what the bank would see).
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  auditLog,
  merchantSettings,
  notifications,
  refunds,
  subscriptionEvents,
  subscriptions,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { cancelNowWithRefund } from "@/lib/subscriptions/cancel-now-with-refund";
import { cancellationOptions, withdrawalOffer } from "@/lib/refunds/cancellation-options";
import { retryLiveRefunds } from "@/lib/refunds/retry-live-refunds";
import { withdrawSubscription } from "@/lib/subscriptions/withdraw-subscription";
import { recordServiceUse } from "@/lib/admin/record-service-use";
import { updateWithdrawalPolicy } from "@/lib/admin/update-withdrawal-policy";
import {
  chargedCustomer,
  createAdmin,
  setSandboxFaults,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

const DAY = 24 * 60 * 60 * 1000;
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
  await loadMerchantSettings(db());
});
afterAll(() => harness.close());
beforeEach(async () => {
  await setSandboxFaults(harness, { lostResponseRate: 0 });
  await db()
    .update(merchantSettings)
    .set({
      withdrawalDays: 7,
      withdrawalUsePolicy: "regardless_of_use",
      proratedCancelRefund: false,
    })
    .where(eq(merchantSettings.id, 1));
});

async function sandboxLedger(payToken: string) {
  const [charge] = await db().execute<{ refunded_amount: number; pay_status: string }>(sql`
    select refunded_amount, pay_status from sandbox_toss_pay.charges where pay_token = ${payToken}`);
  const rows = await db().execute<{ refund_no: string; amount: number }>(sql`
    select r.refund_no, r.amount from sandbox_toss_pay.refunds r
    join sandbox_toss_pay.charges c on c.id = r.charge_id
    where c.pay_token = ${payToken} order by r.created_at`);
  return { refunded: charge?.refunded_amount, payStatus: charge?.pay_status, refunds: [...rows] };
}

async function subscriptionRow(id: string) {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  return row!;
}

async function refundsOf(chargeAttemptId: string) {
  return db().select().from(refunds).where(eq(refunds.chargeAttemptId, chargeAttemptId));
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("청약철회 (withdrawal)", () => {
  it("ends the subscription now, refunds the whole charge at the provider and tells the customer", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const now = new Date(charge.approvedAt!.getTime() + 2 * DAY);
    const sub = await subscriptionRow(charge.subscriptionId);

    const offer = await withdrawalOffer(sub, { now });
    expect(offer).toMatchObject({ eligible: true, amount: 9_900 });

    const result = await withdrawSubscription({
      subscriptionId: sub.id,
      userId: charge.userId,
      expectedAmount: 9_900,
      now,
    });
    expect(result).toMatchObject({ kind: "withdrawal", amount: 9_900, alreadyDone: false });
    expect(result.refunds).toEqual([
      expect.objectContaining({ status: "succeeded", amount: 9_900, reason: "청약철회" }),
    ]);

    const ended = await subscriptionRow(sub.id);
    expect(ended).toMatchObject({
      status: "canceled",
      endedAt: now,
      nextChargeAt: null,
      cancellationReason: "customer: withdrawal",
    });
    const [event] = await db()
      .select()
      .from(subscriptionEvents)
      .where(eq(subscriptionEvents.subscriptionId, sub.id))
      .orderBy(sql`${subscriptionEvents.createdAt} desc`)
      .limit(1);
    expect(event).toMatchObject({
      type: "cancel_requested",
      toStatus: "canceled",
      actor: `customer:${charge.userId}`,
      data: expect.objectContaining({ cancellation: "withdrawal", refundAmount: 9_900 }),
    });

    const [refund] = await refundsOf(charge.id);
    expect(refund).toMatchObject({ requestedByUserId: charge.userId, status: "succeeded" });
    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger).toMatchObject({ refunded: 9_900, payStatus: "REFUND_SUCCESS" });
    expect(ledger.refunds).toEqual([{ refund_no: refund!.refundNo, amount: 9_900 }]);

    const notices = await db()
      .select({
        kind: notifications.kind,
        subject: notifications.subject,
        body: notifications.body,
      })
      .from(notifications)
      .where(eq(notifications.subscriptionId, sub.id));
    const canceled = notices.find((n) => n.kind === "subscription_canceled");
    expect(canceled?.subject).toContain("청약철회가 접수됐어요 (9,900원 환불)");
    expect(canceled?.body).toContain("결제하신 9,900원을 모두 환불해요");
    expect(notices.find((n) => n.kind === "refund_issued")?.body).toContain("사유: 청약철회");

    const actions = await db()
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, charge.userId));
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(["subscription.withdraw", "charge.refund", "refund.succeeded"]),
    );

    // Afterwards it is no longer offered.
    expect(await withdrawalOffer(ended, { now })).toMatchObject({
      eligible: false,
      reason: "not_live",
    });
  });

  it("refunds once when the customer submits twice at the same time", async () => {
    const charge = await chargedCustomer(harness, 4_900);
    const now = new Date(charge.approvedAt!.getTime() + DAY);
    const input = { subscriptionId: charge.subscriptionId, userId: charge.userId, now };
    const [a, b] = await Promise.all([withdrawSubscription(input), withdrawSubscription(input)]);

    expect([a.alreadyDone, b.alreadyDone].sort()).toEqual([false, true]);
    expect(a.refunds.map((r) => r.id)).toEqual(b.refunds.map((r) => r.id));
    expect(await refundsOf(charge.id)).toHaveLength(1);
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toHaveLength(1);

    // A reload after it finished: the same answer, nothing sent.
    const again = await withdrawSubscription(input);
    expect(again).toMatchObject({ alreadyDone: true, amount: 4_900 });
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toHaveLength(1);
  });

  it("is refused after the window, on a used subscription when the merchant says so, and for another customer", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const sub = { subscriptionId: charge.subscriptionId, userId: charge.userId };

    const late = await rejection(
      withdrawSubscription({ ...sub, now: new Date(charge.approvedAt!.getTime() + 8 * DAY) }),
    );
    expect(late.userMessage).toBe("청약철회 기간이 지났어요.");

    const other = await rejection(
      withdrawSubscription({ ...sub, userId: "someone-else", now: charge.approvedAt! }),
    );
    expect(other.code).toBe("not_found");

    // The merchant records use on the subscriber page and allows withdrawal only before it.
    const admin = { userId: (await createAdmin()).id };
    await recordServiceUse(admin, charge.subscriptionId, true);
    await updateWithdrawalPolicy(admin, {
      withdrawalDays: "7",
      withdrawalUsePolicy: "unused_only",
    });
    expect(await loadMerchantSettings(db())).toMatchObject({
      withdrawalUsePolicy: "unused_only",
      proratedCancelRefund: false,
    });
    const used = await rejection(withdrawSubscription({ ...sub, now: charge.approvedAt! }));
    expect(used.userMessage).toContain("이용한 기록이 있어");
    await expect(
      updateWithdrawalPolicy(admin, { withdrawalDays: "5", withdrawalUsePolicy: "unused_only" }),
    ).rejects.toThrow(AppError);

    // A changed amount (the page was stale) is refused before anything is recorded.
    await db()
      .update(merchantSettings)
      .set({ withdrawalUsePolicy: "regardless_of_use" })
      .where(eq(merchantSettings.id, 1));
    const stale = await rejection(
      withdrawSubscription({ ...sub, expectedAmount: 9_000, now: charge.approvedAt! }),
    );
    expect(stale.userMessage).toContain("환불 금액이 바뀌었어요");

    expect((await subscriptionRow(charge.subscriptionId)).status).toBe("active");
    expect(await refundsOf(charge.id)).toHaveLength(0);
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toHaveLength(0);
  });

  it("keeps a refund whose answer was lost, and the billing run finishes it with the same refundNo", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    await setSandboxFaults(harness, { lostResponseRate: 1 });
    const now = new Date(charge.approvedAt!.getTime() + DAY);
    const result = await withdrawSubscription({
      subscriptionId: charge.subscriptionId,
      userId: charge.userId,
      now,
    });
    expect((await subscriptionRow(charge.subscriptionId)).status).toBe("canceled");
    expect(result.refunds[0]?.status).toBe("unknown");

    await setSandboxFaults(harness, { lostResponseRate: 0 });
    await retryLiveRefunds({ now: new Date(now.getTime() + 60 * 60 * 1000) });
    const [refund] = await refundsOf(charge.id);
    expect(refund).toMatchObject({ status: "succeeded", refundNo: result.refunds[0]!.refundNo });
    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger.refunds).toEqual([{ refund_no: refund!.refundNo, amount: 9_900 }]);
  });
});

describe("cancel now with a prorated refund", () => {
  it("is offered only when the merchant allows it, and refunds the whole remaining days down to 10원", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const sub = await subscriptionRow(charge.subscriptionId);
    const start = sub.currentPeriodStart!;
    const now = new Date(start.getTime() + 10 * DAY);

    expect((await cancellationOptions(sub, { now })).cancelNow).toMatchObject({
      offered: false,
      reason: "disabled",
    });
    await db()
      .update(merchantSettings)
      .set({ proratedCancelRefund: true })
      .where(eq(merchantSettings.id, 1));
    const options = await cancellationOptions(sub, { now });
    expect(options.withdrawal).toMatchObject({ eligible: false, reason: "window_closed" });
    expect(options.cancelNow).toMatchObject({ offered: true });
    if (!options.cancelNow.offered) throw new Error("unreachable");
    const { amount, remainingDays, daysInPeriod } = options.cancelNow;
    expect(amount).toBe(Math.floor((9_900 * remainingDays) / daysInPeriod / 10) * 10);
    expect(remainingDays).toBeGreaterThan(15);

    const result = await cancelNowWithRefund({
      subscriptionId: sub.id,
      userId: charge.userId,
      expectedAmount: amount,
      now,
    });
    expect(result.refunds).toEqual([
      expect.objectContaining({ status: "succeeded", amount, reason: "중도 해지 환불" }),
    ]);
    expect((await subscriptionRow(sub.id)).status).toBe("canceled");
    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger.refunded).toBe(amount);
    const [notice] = await db()
      .select({ body: notifications.body })
      .from(notifications)
      .where(
        sql`${notifications.subscriptionId} = ${sub.id} and ${notifications.kind} = 'subscription_canceled'`,
      );
    expect(notice?.body).toContain(`남은 ${remainingDays}일치`);
  });
});
