import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit/record-audit";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  plans,
  refunds,
  subscriptions,
  type ChargeAttempt,
  type Refund,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formatKRW } from "@/lib/format";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { callProvider } from "@/lib/payments/call-provider";
import type { RefundResult } from "@/lib/payments/types";
import { recordRefundAudit, refundActor, type RefundAuditActor } from "./refund-audit";
import { refundNoFor } from "./refund-no";
import { remainingRefundable, taxFreePartOf, validateRefundAmount } from "./refundable";

// Full or partial refund of a succeeded charge (issue 5, docs/providers.md §1.4.6), in the same
// shape as charging (docs/billing.md "Charging"): the refunds row — with our own refundNo, derived
// from its id — is committed BEFORE the provider is called; the answer is applied in a second
// transaction. A refund whose answer never came (timeout, crash, lost response) stays pending
// or unknown and is retried with the SAME refundNo and amount, which Toss Pay answers with the
// first result (`idempotent`, default true) instead of refunding again. The admin retries with
// "다시 시도"; the billing run retries those left alone for a while (retry-live-refunds.ts).
//
// Both transactions lock the charge row, so for one charge: requests and settlements happen
// one at a time, a live (pending/unknown) refund blocks a new one, and refunded_amount only
// grows by a refund that moved from live to succeeded — once. A retry holds that lock from
// before it sends until its answer is applied, so two retries of one refund (a double click,
// overlapping billing runs, an admin and a run) never have it on the wire at the same time: the
// second finds it finished, or — the billing run, which does not wait — leaves it. The check
// constraint charge_attempts_refund_within_amount is the backstop against any arithmetic slip.

export type RefundActor = {
  actorUserId: string;
  ip?: string | null;
  // Who the id is: an admin (the default) or the customer asking for their own refund.
  actorKind?: "admin" | "customer" | undefined;
};

export type RefundChargeInput = RefundActor & {
  chargeAttemptId: string;
  amount?: number | undefined; // KRW; omitted = everything still refundable
  reason: string;
  now?: Date;
  // How to find the charge's provider (tests and the chaos run pass their own); default: the
  // registry.
  providerFor?: ProviderFor;
};

export type RefundOutcome = {
  refund: Refund;
  charge: Pick<ChargeAttempt, "id" | "orderId" | "amount" | "refundedAmount">;
  remainingRefundable: number; // KRW, after this refund as far as we know
  // For the admin who pressed the button, in Korean.
  message: string;
};

// Answers that, to a refund already sent once, may mean "your first request went through":
// the result is checked by hand rather than recorded as a refusal.
// Toss Payments replays a repeated cancel under the same Idempotency-Key for 15 days; a retry
// after that meets the first cancel's effect instead (docs/providers.md §2.5).
export const AMBIGUOUS_ON_RETRY: ReadonlySet<string> = new Set([
  // Toss Pay
  "REFUND_REFUND_NO_DUPLICATE",
  "REFUND_ALREADY_REFUNDED",
  // Toss Payments
  "ALREADY_CANCELED_PAYMENT",
  "NOT_CANCELABLE_AMOUNT",
  // PortOne (a refused resend is read back by the provider first; what is left is ambiguous)
  "CANCELLABLE_AMOUNT_CONSISTENCY_BROKEN",
  "PAYMENT_ALREADY_CANCELLED",
]);

const LIVE = ["pending", "unknown"] as const;

/** Records the refund, sends it, and applies the answer. */
export async function refundCharge(input: RefundChargeInput): Promise<RefundOutcome> {
  const refund = await recordRefundRequest(input);
  return sendRefund(refund.id, { ...input, isRetry: false });
}

/**
 * Re-sends a pending or unknown refund with its original refundNo and amount (the admin's
 * "다시 시도"). A refund that already finished is returned as it is, so a double click is safe:
 * the second click waits for the first one's answer and sends nothing.
 */
export async function retryRefund(
  input: RefundActor & { refundId: string; now?: Date },
): Promise<RefundOutcome> {
  const resent = await resendLiveRefund(input.refundId, {
    actor: input,
    now: input.now ?? new Date(),
    ifBusy: "wait",
  });
  if (!resent) throw new Error("a waiting retry always gets the charge");
  return resent.outcome;
}

export type ResendOptions = {
  actor: RefundAuditActor;
  now: Date;
  providerFor?: ProviderFor | undefined;
  /**
   * When another retry or settlement holds the charge: wait for it (an admin, who wants an
   * answer) or skip the refund (the billing run; whoever holds it is finishing it).
   */
  ifBusy: "wait" | "skip";
  /** Sent only if this still holds under the lock (the billing run's grace period). */
  eligible?: (refund: Refund) => boolean;
  /** Added to the refund.retry audit entry (e.g. which billing run). */
  auditDetails?: Record<string, unknown>;
};

export type Resent = { sent: boolean; outcome: RefundOutcome };

/**
 * Under the charge lock: re-reads the refund and, if it is still live (and eligible), sends it
 * again with its stored refundNo and amount and applies the answer in the same transaction.
 * `sent: false` = it had finished meanwhile; null = skipped (busy or no longer eligible). If the
 * transaction fails after the send, the refund stays live and the next retry is answered with
 * the first result.
 */
export async function resendLiveRefund(
  refundId: string,
  options: ResendOptions,
): Promise<Resent | null> {
  return db().transaction(async (tx) => {
    const chargeAttemptId = await chargeOfRefund(tx, refundId);
    const charge =
      options.ifBusy === "wait"
        ? await lockCharge(tx, chargeAttemptId)
        : await lockChargeUnlessBusy(tx, chargeAttemptId);
    if (!charge) return null;
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
    if (!refund) throw new AppError("not_found", `Refund ${refundId} does not exist.`);
    if (!isLive(refund)) return { sent: false, outcome: outcomeOf(refund, charge) };
    if (options.eligible && !options.eligible(refund)) return null;

    await recordRefundAudit(tx, options.actor, {
      action: "refund.retry",
      targetType: "refund",
      targetId: refund.id,
      before: { status: refund.status, errorCode: refund.errorCode },
      after: { refundNo: refund.refundNo, amount: refund.amount, ...options.auditDetails },
    });
    const answer = await sendRefundRequest(
      refund,
      charge,
      options.providerFor ?? defaultProviderFor,
    );
    const outcome = await applyRefundAnswer(tx, charge, refund, answer, {
      actor: options.actor,
      now: options.now,
      isRetry: true,
    });
    return { sent: true, outcome };
  });
}

/** Step 1: validate against what remains and commit a pending refunds row. */
export async function recordRefundRequest(input: RefundChargeInput): Promise<Refund> {
  return db().transaction((tx) => recordRefundRequestIn(tx, input));
}

/**
 * Step 1 inside the caller's transaction, which then holds the charge row locked until it
 * commits: a customer's 청약철회 records its refunds together with ending the subscription
 * (lib/refunds/withdraw-subscription.ts), so neither exists without the other.
 */
export async function recordRefundRequestIn(
  tx: Executor,
  input: RefundChargeInput,
): Promise<Refund> {
  const now = input.now ?? new Date();
  const charge = await lockCharge(tx, input.chargeAttemptId);
  if (charge.status !== "succeeded") {
    throw new AppError(
      "conflict",
      `Charge ${charge.orderId} is ${charge.status}; only succeeded charges can be refunded.`,
      { userMessage: "결제가 완료된 건만 환불할 수 있어요." },
    );
  }
  if (!charge.providerPaymentId) {
    throw new AppError(
      "conflict",
      `Charge ${charge.orderId} has no provider payment id (payToken); it cannot be refunded through the API.`,
      {
        userMessage:
          "결제사 결제 번호가 없어 이 결제는 환불할 수 없어요. 결제사 관리 화면에서 확인해 주세요.",
      },
    );
  }
  const [live] = await tx
    .select({ id: refunds.id, refundNo: refunds.refundNo, status: refunds.status })
    .from(refunds)
    .where(and(eq(refunds.chargeAttemptId, charge.id), inArray(refunds.status, [...LIVE])));
  if (live) {
    throw new AppError(
      "conflict",
      `Refund ${live.refundNo} of charge ${charge.orderId} is still ${live.status}; retry it instead of starting another.`,
      {
        userMessage:
          "이 결제에 결과를 기다리는 환불이 있어요. 환불 내역에서 ‘다시 시도’로 같은 환불을 확인해 주세요.",
        details: { refundId: live.id },
      },
    );
  }

  const refundedTaxFree = await refundedTaxFreeOf(tx, charge.id);
  const amount = validateRefundAmount(charge, input.amount);
  const amountTaxFree = taxFreePartOf({ ...charge, refundedTaxFree }, amount);
  const id = randomUUID();
  const [refund] = await tx
    .insert(refunds)
    .values({
      id,
      chargeAttemptId: charge.id,
      refundNo: refundNoFor(id),
      amount,
      amountTaxFree,
      reason: input.reason.trim() || null,
      status: "pending",
      requestedByUserId: input.actorUserId,
      createdAt: now,
    })
    .returning();
  if (!refund) throw new Error("refund insert returned nothing");
  await recordAudit(tx, {
    actor: refundActor(input),
    action: "charge.refund",
    targetType: "charge_attempt",
    targetId: charge.id,
    before: { refundedAmount: charge.refundedAmount },
    after: {
      refundedAmount: charge.refundedAmount,
      pendingRefund: {
        refundId: refund.id,
        refundNo: refund.refundNo,
        amount,
        amountTaxFree,
        reason: refund.reason,
      },
    },
  });
  return refund;
}

/**
 * Steps 2 and 3 for a refund recorded by recordRefundRequestIn, once its transaction has
 * committed. A refund that finished meanwhile is returned as it is.
 */
export async function sendRecordedRefund(
  refundId: string,
  options: RefundActor & { now?: Date; providerFor?: ProviderFor },
): Promise<RefundOutcome> {
  return sendRefund(refundId, { ...options, isRetry: false });
}

/** Steps 2 and 3: call the provider with the stored refundNo and amount, then apply the answer. */
async function sendRefund(
  refundId: string,
  options: RefundActor & {
    now?: Date | undefined;
    isRetry: boolean;
    providerFor?: ProviderFor | undefined;
  },
): Promise<RefundOutcome> {
  const [row] = await db()
    .select({ refund: refunds, charge: chargeAttempts })
    .from(refunds)
    .innerJoin(chargeAttempts, eq(chargeAttempts.id, refunds.chargeAttemptId))
    .where(eq(refunds.id, refundId));
  if (!row) throw new AppError("not_found", `Refund ${refundId} does not exist.`);
  const { refund, charge } = row;
  if (!isLive(refund)) return outcomeOf(refund, charge);

  const result = await sendRefundRequest(refund, charge, options.providerFor ?? defaultProviderFor);
  return settleRefund(refund.id, result, {
    actor: options,
    now: options.now ?? new Date(),
    isRetry: options.isRetry,
  });
}

async function sendRefundRequest(
  refund: Refund,
  charge: ChargeAttempt,
  providerFor: ProviderFor,
): Promise<RefundResult> {
  let provider;
  try {
    provider = providerFor(charge.provider);
  } catch (error) {
    // Nothing was sent: a provider we cannot talk to is a definite "not refunded".
    const message = error instanceof Error ? error.message : String(error);
    return {
      outcome: "config_error",
      code: "PROVIDER_UNAVAILABLE",
      merchantMessage: message,
      customerMessage: message,
      raw: null,
    };
  }
  return callProvider("refund", () =>
    provider.refund({
      orderId: charge.orderId,
      providerPaymentId: charge.providerPaymentId ?? "",
      refundNo: refund.refundNo,
      // Always explicit, even for a full refund: a retry must be the same request (Toss Pay
      // treats a repeat as a replay only when the amounts match too).
      amount: refund.amount,
      amountTaxFree: refund.amountTaxFree,
      // This refund is the charge's only live one (the charge row is locked while it is sent).
      refundableBefore: charge.amount - charge.refundedAmount,
      reason: refund.reason ?? "고객 요청 환불",
    }),
  );
}

type SettleOptions = { actor: RefundAuditActor; now: Date; isRetry: boolean };

/** Applies a provider answer to a live refund, once. */
export async function settleRefund(
  refundId: string,
  answer: RefundResult,
  options: SettleOptions,
): Promise<RefundOutcome> {
  return db().transaction(async (tx) => {
    const chargeAttemptId = await chargeOfRefund(tx, refundId);
    const charge = await lockCharge(tx, chargeAttemptId);
    const [refund] = await tx.select().from(refunds).where(eq(refunds.id, refundId));
    if (!refund) throw new AppError("not_found", `Refund ${refundId} does not exist.`);
    // Settled meanwhile by a concurrent retry: its result stands.
    if (!isLive(refund)) return outcomeOf(refund, charge);
    return applyRefundAnswer(tx, charge, refund, answer, options);
  });
}

/** The answer applied to a live refund whose charge row `tx` holds locked. */
async function applyRefundAnswer(
  tx: Executor,
  charge: ChargeAttempt,
  refund: Refund,
  answer: RefundResult,
  options: SettleOptions,
): Promise<RefundOutcome> {
  const { now } = options;
  const result =
    answer.outcome !== "succeeded" &&
    options.isRetry &&
    answer.code !== null &&
    AMBIGUOUS_ON_RETRY.has(answer.code)
      ? ({
          ...answer,
          outcome: "unknown",
          merchantMessage: `${answer.merchantMessage} — the refundNo was sent before, so this may mean the first request went through; check the payment at the provider.`,
        } satisfies RefundResult)
      : answer;

  if (result.outcome === "succeeded") {
    const [updatedRefund] = await tx
      .update(refunds)
      .set({
        status: "succeeded",
        providerTransactionId: result.refund.providerTransactionId,
        refundableAfter: result.refund.refundableAmount,
        rawResponse: result.raw,
        errorCode: null,
        errorMessage: null,
        completedAt: now,
      })
      .where(and(eq(refunds.id, refund.id), inArray(refunds.status, [...LIVE])))
      .returning();
    const [updatedCharge] = await tx
      .update(chargeAttempts)
      .set({
        refundedAmount: sql`${chargeAttempts.refundedAmount} + ${refund.amount}`,
        updatedAt: now,
      })
      .where(eq(chargeAttempts.id, charge.id))
      .returning();
    if (!updatedRefund || !updatedCharge) throw new Error("refund settlement updated nothing");

    const [plan] = await tx
      .select({ name: plans.name })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.id, charge.subscriptionId));
    await enqueueNotification(tx, {
      kind: "refund_issued",
      userId: charge.userId,
      subscriptionId: charge.subscriptionId,
      dedupeKey: dedupeKeyFor("refund_issued", refund.id),
      data: {
        planName: plan?.name ?? null,
        amount: refund.amount,
        orderId: charge.orderId,
        refundedAt: result.refund.refundedAt ?? now,
        reason: refund.reason,
      },
      now,
    });
    await recordRefundAudit(tx, options.actor, {
      action: "refund.succeeded",
      targetType: "refund",
      targetId: refund.id,
      before: { status: refund.status, chargeRefundedAmount: charge.refundedAmount },
      after: {
        status: "succeeded",
        chargeRefundedAmount: updatedCharge.refundedAmount,
        providerRefundableAmount: result.refund.refundableAmount,
      },
    });
    return outcomeOf(updatedRefund, updatedCharge);
  }

  const definite = result.outcome !== "unknown";
  const [updated] = await tx
    .update(refunds)
    .set({
      status: definite ? "failed" : "unknown",
      errorCode: result.code,
      errorMessage: result.merchantMessage,
      rawResponse: result.raw,
      completedAt: definite ? now : null,
    })
    .where(and(eq(refunds.id, refund.id), inArray(refunds.status, [...LIVE])))
    .returning();
  if (!updated) throw new Error("refund settlement updated nothing");
  if (definite) {
    await recordRefundAudit(tx, options.actor, {
      action: "refund.failed",
      targetType: "refund",
      targetId: refund.id,
      before: { status: refund.status },
      after: { status: "failed", errorCode: result.code, errorMessage: result.merchantMessage },
    });
  }
  return outcomeOf(updated, charge);
}

async function lockCharge(tx: Executor, chargeAttemptId: string): Promise<ChargeAttempt> {
  const [charge] = await tx
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.id, chargeAttemptId))
    .for("update");
  if (!charge) throw new AppError("not_found", `Charge attempt ${chargeAttemptId} does not exist.`);
  return charge;
}

/** The charge row locked, or null if another transaction holds it (it is not waited for). */
async function lockChargeUnlessBusy(
  tx: Executor,
  chargeAttemptId: string,
): Promise<ChargeAttempt | null> {
  const [charge] = await tx
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.id, chargeAttemptId))
    .for("update", { skipLocked: true });
  return charge ?? null;
}

async function refundedTaxFreeOf(tx: Executor, chargeAttemptId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<number>`coalesce(sum(${refunds.amountTaxFree}), 0)::int` })
    .from(refunds)
    .where(and(eq(refunds.chargeAttemptId, chargeAttemptId), eq(refunds.status, "succeeded")));
  return row?.total ?? 0;
}

export function isLive(refund: Pick<Refund, "status">): boolean {
  return refund.status === "pending" || refund.status === "unknown";
}

function outcomeOf(refund: Refund, charge: ChargeAttempt): RefundOutcome {
  const remaining = remainingRefundable(charge);
  return {
    refund,
    charge: {
      id: charge.id,
      orderId: charge.orderId,
      amount: charge.amount,
      refundedAmount: charge.refundedAmount,
    },
    remainingRefundable: remaining,
    message: refundMessage(refund, remaining),
  };
}

/** What the admin reads after pressing "환불" or "다시 시도". */
export function refundMessage(refund: Refund, remaining: number): string {
  switch (refund.status) {
    case "succeeded":
      return `${formatKRW(refund.amount)} 환불을 마쳤어요. 남은 환불 가능 금액은 ${formatKRW(remaining)}이에요.`;
    case "failed":
      return `환불하지 못했어요 (${refund.errorCode ?? "오류"}): ${refund.errorMessage ?? "결제사가 거절했어요."} 남은 환불 가능 금액은 ${formatKRW(remaining)}이에요.`;
    case "unknown":
    case "pending":
      return `결제사 응답을 받지 못해 ${formatKRW(refund.amount)} 환불의 결과를 아직 몰라요. 환불 내역에서 ‘다시 시도’를 누르면 같은 환불번호(${refund.refundNo})로 다시 요청하므로 두 번 환불되지 않아요.`;
  }
}

/** The charge a refund belongs to: its lock is taken before the refund row is read again. */
async function chargeOfRefund(tx: Executor, refundId: string): Promise<string> {
  const [ref] = await tx
    .select({ chargeAttemptId: refunds.chargeAttemptId })
    .from(refunds)
    .where(eq(refunds.id, refundId));
  if (!ref) throw new AppError("not_found", `Refund ${refundId} does not exist.`);
  return ref.chargeAttemptId;
}
