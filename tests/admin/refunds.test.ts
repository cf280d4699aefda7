// Refunds end to end over real HTTP: a customer links a Toss Pay method in the sandbox and is
// charged by our code; the admin refunds through lib/refunds against the sandbox's
// /api/v2/refunds. Every outcome is checked in our tables AND in the sandbox's own ledger
// (sandbox_toss_pay.charges / refunds), which is what the "customer's bank" would see.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { auditLog, chargeAttempts, notifications, refunds } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { recordRefundRequest, refundCharge, retryRefund } from "@/lib/refunds/refund-charge";

import {
  chargedCustomer,
  createAdmin,
  setSandboxFaults,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

let harness: Harness;
let adminId: string;

beforeAll(async () => {
  harness = await startHarness();
  adminId = (await createAdmin()).id;
});
afterAll(() => harness.close());
beforeEach(() => setSandboxFaults(harness, { lostResponseRate: 0 }));

/** What the sandbox (the provider) recorded for a payment. */
async function sandboxLedger(payToken: string) {
  const [charge] = await db().execute<{ refunded_amount: number; pay_status: string }>(sql`
    select refunded_amount, pay_status from sandbox_toss_pay.charges where pay_token = ${payToken}`);
  const rows = await db().execute<{ refund_no: string; amount: number }>(sql`
    select r.refund_no, r.amount from sandbox_toss_pay.refunds r
    join sandbox_toss_pay.charges c on c.id = r.charge_id
    where c.pay_token = ${payToken} order by r.created_at`);
  return { refunded: charge?.refunded_amount, payStatus: charge?.pay_status, refunds: [...rows] };
}

async function chargeRow(id: string) {
  const [row] = await db().select().from(chargeAttempts).where(eq(chargeAttempts.id, id));
  return row!;
}

async function refundRows(chargeAttemptId: string) {
  return db()
    .select()
    .from(refunds)
    .where(eq(refunds.chargeAttemptId, chargeAttemptId))
    .orderBy(refunds.createdAt);
}

function refund(chargeAttemptId: string, amount?: number) {
  return refundCharge({ chargeAttemptId, amount, reason: "고객 요청", actorUserId: adminId });
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("refunding a charge through Toss Pay", () => {
  it("refunds the whole charge, notifies the customer and records who did it", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const outcome = await refund(charge.id);

    expect(outcome.refund).toMatchObject({
      status: "succeeded",
      amount: 9_900,
      refundableAfter: 0,
    });
    expect(outcome.refund.refundNo).toMatch(/^rf_[0-9a-f]{32}$/);
    expect(outcome.remainingRefundable).toBe(0);
    expect(outcome.message).toContain("9,900원 환불을 마쳤어요");
    expect((await chargeRow(charge.id)).refundedAmount).toBe(9_900);

    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger).toMatchObject({ refunded: 9_900, payStatus: "REFUND_SUCCESS" });
    expect(ledger.refunds).toEqual([{ refund_no: outcome.refund.refundNo, amount: 9_900 }]);

    const [notice] = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `refund_issued:${outcome.refund.id}`));
    expect(notice).toMatchObject({ kind: "refund_issued", userId: charge.userId });
    expect(notice!.body).toContain("9,900");

    const audit = await db()
      .select({ action: auditLog.action, actor: auditLog.actorUserId })
      .from(auditLog)
      .orderBy(auditLog.createdAt);
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: "charge.refund", actor: adminId },
        { action: "refund.succeeded", actor: adminId },
      ]),
    );

    // Nothing is left: a second refund is refused before the provider is asked.
    const again = await rejection(refund(charge.id));
    expect(again.code).toBe("conflict");
    expect(again.userMessage).toContain("이미 전액 환불된 결제");
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toHaveLength(1);
  });

  it("refunds part of a charge, twice, and shows what remains", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const first = await refund(charge.id, 3_000);
    expect(first.refund).toMatchObject({
      status: "succeeded",
      amount: 3_000,
      refundableAfter: 6_900,
    });
    expect(first.remainingRefundable).toBe(6_900);
    expect(first.message).toContain("남은 환불 가능 금액은 6,900원");

    const second = await refund(charge.id, 2_000);
    expect(second.remainingRefundable).toBe(4_900);
    expect(second.refund.refundableAfter).toBe(4_900);
    expect(second.refund.refundNo).not.toBe(first.refund.refundNo);

    expect((await chargeRow(charge.id)).refundedAmount).toBe(5_000);
    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger.refunded).toBe(5_000);
    expect(ledger.refunds.map((r) => r.amount)).toEqual([3_000, 2_000]);
  });

  it("rejects a refund above what remains with a message naming both amounts", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    await refund(charge.id, 3_000);

    const over = await rejection(refund(charge.id, 7_000));
    expect(over.code).toBe("bad_request");
    expect(over.userMessage).toBe(
      "환불 가능 금액(6,900원)보다 큰 금액(7,000원)은 환불할 수 없어요. 이미 3,000원이 환불됐어요.",
    );
    expect(over.message).toContain("exceeds the 6900 KRW still refundable");
    for (const bad of [0, -100, 12.5]) {
      expect((await rejection(refund(charge.id, bad))).code).toBe("bad_request");
    }

    // Nothing was recorded or sent for the refused requests.
    expect(await refundRows(charge.id)).toHaveLength(1);
    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger).toMatchObject({ refunded: 3_000 });
    expect(ledger.refunds).toHaveLength(1);
    expect((await chargeRow(charge.id)).refundedAmount).toBe(3_000);
  });

  it("retries a refund whose answer was lost with the same refundNo, and refunds once", async () => {
    const charge = await chargedCustomer(harness, 9_900);

    // The sandbox refunds, then drops the connection: we cannot know it happened.
    await setSandboxFaults(harness, { lostResponseRate: 1 });
    const lost = await refund(charge.id, 4_000);
    expect(lost.refund.status).toBe("unknown");
    expect(lost.remainingRefundable).toBe(9_900);
    expect(lost.message).toContain(lost.refund.refundNo);
    expect((await sandboxLedger(charge.providerPaymentId!)).refunded).toBe(4_000);

    // A new refund for the same charge is blocked while the first one is unresolved.
    const blocked = await rejection(refund(charge.id, 4_000));
    expect(blocked.code).toBe("conflict");
    expect(blocked.details).toMatchObject({ refundId: lost.refund.id });

    await setSandboxFaults(harness, { lostResponseRate: 0 });
    // A double click on "다시 시도": both re-send the same refundNo.
    const [a, b] = await Promise.all([
      retryRefund({ refundId: lost.refund.id, actorUserId: adminId }),
      retryRefund({ refundId: lost.refund.id, actorUserId: adminId }),
    ]);
    for (const retried of [a, b]) {
      expect(retried.refund).toMatchObject({ status: "succeeded", refundNo: lost.refund.refundNo });
      expect(retried.remainingRefundable).toBe(5_900);
    }
    // And once more, after it finished: nothing is sent or applied again.
    await retryRefund({ refundId: lost.refund.id, actorUserId: adminId });

    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger.refunded).toBe(4_000);
    expect(ledger.refunds).toEqual([{ refund_no: lost.refund.refundNo, amount: 4_000 }]);
    expect((await chargeRow(charge.id)).refundedAmount).toBe(4_000);
    expect(await refundRows(charge.id)).toHaveLength(1);
    const notices = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.kind, "refund_issued"));
    expect(notices.filter((x) => x.dedupeKey.endsWith(lost.refund.id))).toHaveLength(1);
  });

  it("sends a refund recorded before a crash with its stored refundNo", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    // The process died after committing the request, before calling the provider.
    const pending = await recordRefundRequest({
      chargeAttemptId: charge.id,
      reason: "중복 결제",
      actorUserId: adminId,
    });
    expect(pending).toMatchObject({ status: "pending", amount: 9_900 });
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toHaveLength(0);

    const retried = await retryRefund({ refundId: pending.id, actorUserId: adminId });
    expect(retried.refund).toMatchObject({ status: "succeeded", refundNo: pending.refundNo });
    expect((await sandboxLedger(charge.providerPaymentId!)).refunds).toEqual([
      { refund_no: pending.refundNo, amount: 9_900 },
    ]);
  });

  it("lets only one of two simultaneous refund requests through", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const results = await Promise.allSettled([refund(charge.id), refund(charge.id)]);
    const done = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(done).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(AppError);

    const ledger = await sandboxLedger(charge.providerPaymentId!);
    expect(ledger.refunded).toBe(9_900);
    expect(ledger.refunds).toHaveLength(1);
    expect((await chargeRow(charge.id)).refundedAmount).toBe(9_900);
  });

  it("refuses charges that did not succeed", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    await db()
      .update(chargeAttempts)
      .set({ status: "failed" })
      .where(eq(chargeAttempts.id, charge.id));
    const error = await rejection(refund(charge.id, 1_000));
    expect(error.code).toBe("conflict");
    expect(error.userMessage).toBe("결제가 완료된 건만 환불할 수 있어요.");
  });
});
