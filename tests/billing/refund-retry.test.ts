// The billing run re-sends refunds whose answer never came, over real HTTP against the Toss Pay
// sandbox: a customer is charged by our own code, an admin's refund is processed by the sandbox
// but its answer is lost, and the run after the grace period finishes it with the same refundNo.
// Checked in our tables, in the audit log and in the sandbox's own ledger (what the customer's
// bank would see).
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runBilling } from "@/lib/jobs/run-billing";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { db } from "@/lib/db/client";
import { auditLog, chargeAttempts, notifications, refunds } from "@/lib/db/schema";
import { getPaymentProvider } from "@/lib/payments/registry";
import { refundCharge } from "@/lib/refunds/refund-charge";
import { REFUND_RETRY_GRACE_MS } from "@/lib/refunds/retry-live-refunds";

import {
  chargedCustomer,
  createAdmin,
  setSandboxFaults,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

const MINUTE = 60_000;

let harness: Harness;
let adminId: string;
let refundRequests: string[] = [];

// The registry's provider, counting the refund requests that leave our code.
const countingProviderFor: ProviderFor = (name) => {
  const provider = getPaymentProvider(name);
  return {
    ...provider,
    refund: (request) => {
      refundRequests.push(request.refundNo);
      return provider.refund(request);
    },
  };
};

beforeAll(async () => {
  harness = await startHarness();
  adminId = (await createAdmin()).id;
});
afterAll(() => harness.close());
beforeEach(async () => {
  refundRequests = [];
  await setSandboxFaults(harness, { lostResponseRate: 0, latencyMs: 0 });
});

/** An admin's refund of `amount` that the sandbox carries out but whose answer is lost. */
async function lostRefund(chargeAttemptId: string, amount: number, now: Date) {
  await setSandboxFaults(harness, { lostResponseRate: 1 });
  const outcome = await refundCharge({
    chargeAttemptId,
    amount,
    reason: "고객 요청",
    actorUserId: adminId,
    now,
  });
  await setSandboxFaults(harness, { lostResponseRate: 0 });
  expect(outcome.refund.status).toBe("unknown");
  return outcome.refund;
}

/** What the sandbox (the provider) recorded for a payment. */
async function sandboxLedger(payToken: string) {
  const [charge] = await db().execute<{ refunded_amount: number }>(sql`
    select refunded_amount from sandbox_toss_pay.charges where pay_token = ${payToken}`);
  const rows = await db().execute<{ refund_no: string; amount: number }>(sql`
    select r.refund_no, r.amount from sandbox_toss_pay.refunds r
    join sandbox_toss_pay.charges c on c.id = r.charge_id
    where c.pay_token = ${payToken} order by r.created_at`);
  return { refunded: charge?.refunded_amount, refunds: [...rows] };
}

async function refundRow(id: string) {
  const [row] = await db().select().from(refunds).where(eq(refunds.id, id));
  return row!;
}

async function chargeRow(id: string) {
  const [row] = await db().select().from(chargeAttempts).where(eq(chargeAttempts.id, id));
  return row!;
}

const run = (now: Date) =>
  runBilling({ now, providerFor: countingProviderFor, sweepRegistrations: false });

describe("billing run: refunds whose answer was lost", () => {
  it("finishes one at the first run after the grace period, refunding exactly once", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const requestedAt = new Date();
    const lost = await lostRefund(charge.id, 4_000, requestedAt);
    // The sandbox did refund; we do not know it yet.
    expect((await sandboxLedger(charge.providerPaymentId!)).refunded).toBe(4_000);
    expect((await chargeRow(charge.id)).refundedAmount).toBe(0);

    const summary = await run(new Date(requestedAt.getTime() + REFUND_RETRY_GRACE_MS + MINUTE));
    expect(summary).toMatchObject({ refundsRetried: 1, refundsResolved: 1, errors: 0 });
    expect(refundRequests).toEqual([lost.refundNo]);

    expect(await refundRow(lost.id)).toMatchObject({
      status: "succeeded",
      refundNo: lost.refundNo,
      amount: 4_000,
      refundableAfter: 5_900,
      errorCode: null,
    });
    expect((await chargeRow(charge.id)).refundedAmount).toBe(4_000);
    expect(await sandboxLedger(charge.providerPaymentId!)).toEqual({
      refunded: 4_000,
      refunds: [{ refund_no: lost.refundNo, amount: 4_000 }],
    });
    const notices = await db()
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `refund_issued:${lost.id}`));
    expect(notices).toHaveLength(1);

    // The retry and its result are in the audit log, done by the system rather than a person.
    const audit = await db()
      .select({ action: auditLog.action, actor: auditLog.actorUserId, after: auditLog.after })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "refund"), eq(auditLog.targetId, lost.id)))
      .orderBy(auditLog.createdAt);
    expect(audit).toEqual([
      {
        action: "refund.retry",
        actor: null,
        after: {
          refundNo: lost.refundNo,
          amount: 4_000,
          billingRunId: summary.runId,
          actor: "system",
        },
      },
      {
        action: "refund.succeeded",
        actor: null,
        after: expect.objectContaining({ status: "succeeded", actor: "system" }) as unknown,
      },
    ]);

    // A later run has nothing left to send.
    refundRequests = [];
    const later = await run(new Date(requestedAt.getTime() + 2 * REFUND_RETRY_GRACE_MS));
    expect(later.refundsRetried).toBe(0);
    expect(refundRequests).toEqual([]);
    expect((await chargeRow(charge.id)).refundedAmount).toBe(4_000);
  });

  it("leaves a refund younger than the grace period alone", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const requestedAt = new Date();
    const lost = await lostRefund(charge.id, 9_900, requestedAt);

    const summary = await run(new Date(requestedAt.getTime() + REFUND_RETRY_GRACE_MS - MINUTE));
    expect(summary).toMatchObject({ refundsRetried: 0, refundsResolved: 0 });
    expect(refundRequests).toEqual([]);
    expect(await refundRow(lost.id)).toMatchObject({ status: "unknown" });
    expect((await chargeRow(charge.id)).refundedAmount).toBe(0);
    const retries = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "refund.retry"), eq(auditLog.targetId, lost.id)));
    expect(retries).toEqual([]);

    // Once the grace period has passed, the next run finishes it.
    const later = await run(new Date(requestedAt.getTime() + REFUND_RETRY_GRACE_MS + MINUTE));
    expect(later).toMatchObject({ refundsRetried: 1, refundsResolved: 1 });
    expect((await chargeRow(charge.id)).refundedAmount).toBe(9_900);
  });

  it("sends it once when two runs overlap", async () => {
    const charge = await chargedCustomer(harness, 9_900);
    const requestedAt = new Date();
    const lost = await lostRefund(charge.id, 2_500, requestedAt);
    // Slow answers, so both runs reach the refund while the first request is on the wire.
    await setSandboxFaults(harness, { latencyMs: 1_500 });

    const now = new Date(requestedAt.getTime() + REFUND_RETRY_GRACE_MS + MINUTE);
    const [a, b] = await Promise.all([run(now), run(now)]);
    expect(a.refundsRetried + b.refundsRetried).toBe(1);
    expect(a.refundsResolved + b.refundsResolved).toBe(1);
    expect(refundRequests).toEqual([lost.refundNo]);

    expect(await refundRow(lost.id)).toMatchObject({ status: "succeeded", amount: 2_500 });
    expect((await chargeRow(charge.id)).refundedAmount).toBe(2_500);
    expect(await sandboxLedger(charge.providerPaymentId!)).toEqual({
      refunded: 2_500,
      refunds: [{ refund_no: lost.refundNo, amount: 2_500 }],
    });
  });
});
