import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db, type Executor } from "@/lib/db/client";
import { insertJsonRows, tableRows } from "@/lib/db/json-rows";
import {
  chargeAttempts,
  paidStartOffers,
  paymentMethods,
  plans,
  subscriptions,
  type ChargeAttempt,
  type PaymentMethod,
  type Plan,
  type Subscription,
  users,
} from "@/lib/db/schema";
import { isTestCharge } from "@/lib/payments/mode";
import { callProvider } from "@/lib/payments/call-provider";
import type { ChargeResult, Payer } from "@/lib/payments/types";
import { crashPoint, crashWhileInFlight } from "./crash-points";
import { orderIdFor } from "./order-id";
import type { Settle } from "./group-settle";
import type { Limit } from "./limit";
import { defaultProviderFor, type ProviderFor } from "@/lib/payments/provider-for";
import { settleChargeAttempts, type Settled } from "./settle-charge-attempt";
import { LIVE_STATUSES } from "./live-statuses";
import { isLiveAttempt } from "./live-attempts";
import { cashReceiptChoice } from "@/lib/receipts/cash-receipt";
import { splitVat } from "@/lib/payments/split-vat";

// The one charge path (docs/billing.md "Charging: one attempt at a time, recorded first"), used by the
// first charge after a customer links a method, by every renewal and dunning retry of the cron,
// and from step 2 on by the proration charges of plan changes (reserve-plan-change.ts):
//   1. reserve: lock the subscription, find its outstanding period, and record a pending attempt
//      with a deterministic order id — before anything is sent;
//   2. send: call the provider outside any transaction (it can take 15 s);
//   3. settle: record the answer and move the subscription, in one transaction (what the answer
//      means for the subscription is the attempt purpose's settle hook, settle-hook.ts).
// A crash between 1 and 3 leaves a pending attempt that reconcileChargeAttempt resolves by
// looking the same order id up; the partial unique indexes on charge_attempts make a second
// live attempt or a second success for the same period impossible.
//
// The billing run reserves a whole claimed batch in one transaction (reserveAttempts with many
// ids: a handful of statements for the batch instead of a handful per subscription), then sends
// and settles each attempt on its own.

export type LockedSubscription = { sub: Subscription; plan: Plan; method: PaymentMethod | null };

/** Transitions a `prepare` step may apply instead of a charge (lib/billing/process-due-subscription.ts). */
export type HandledAction = "ended" | "dunning_exhausted" | "method_unusable";

/** What a caller's `prepare` step decided for a locked subscription that owes a period. */
export type PrepareDecision =
  // Charge it (the subscription and plan may have been changed, e.g. a downgrade applied).
  | { kind: "charge"; sub: Subscription; plan: Plan }
  // A transition was applied instead of a charge (ended, dunning exhausted, …).
  | { kind: "handled"; action: HandledAction }
  // Nothing to do any more (the row changed since it was claimed).
  | { kind: "skip" };

/**
 * Runs inside the reservation's transaction, with the subscription locked and no attempt of
 * its outstanding period live. The billing run uses it to apply the rules of a due
 * subscription (docs/billing.md) atomically with the decision to charge.
 */
export type PrepareCharge = (tx: Executor, locked: LockedSubscription) => Promise<PrepareDecision>;

export type ChargeOptions = {
  now?: Date;
  providerFor?: ProviderFor;
  prepare?: PrepareCharge;
};

type SkipReason = "not_chargeable" | "no_usable_method" | "already_paid";

export type ChargeRunOutcome =
  | { kind: "skipped"; reason: SkipReason }
  // Another attempt for this period is live (in flight or awaiting a lookup).
  | { kind: "in_flight"; attempt: ChargeAttempt }
  | { kind: "handled"; action: HandledAction }
  | {
      kind: "settled";
      attempt: ChargeAttempt;
      result: ChargeResult["outcome"];
      // Wall time spent waiting for the provider (the benchmark's "outside the provider"), and
      // for a free slot under the run's provider concurrency before that.
      providerMs: number;
      waitedMs: number;
      // Where the subscription stands after the settle (null: the answer was already settled).
      subscription: Settled["subscription"] | null;
    };

export type ReservedAttempt = {
  kind: "reserved";
  attempt: ChargeAttempt;
  method: PaymentMethod;
  orderName: string;
  // Passed on to the provider for its receipt (ChargeInput.payer).
  payer: Payer;
};

export type Reservation = Exclude<ChargeRunOutcome, { kind: "settled" }> | ReservedAttempt;

const CHARGEABLE = LIVE_STATUSES;

type PeriodAttempt = { id: string; subscriptionId: string; status: string; attemptNumber: number };

async function reserveInTransaction(
  tx: Executor,
  ids: string[],
  now: Date,
  prepare: PrepareCharge | undefined,
): Promise<Map<string, Reservation>> {
  // The subscriptions with their plans and usable methods, locked in id order (a stable lock
  // order, so two reservations can never deadlock). Only subscriptions are locked.
  const rows = await tx
    .select({
      sub: subscriptions,
      plan: plans,
      method: paymentMethods,
      payer: { email: users.email, name: users.name },
      awaitingPaidStart: paidStartOffers.subscriptionId,
    })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .innerJoin(users, eq(users.id, subscriptions.userId))
    // Fair trials: a first charge the customer has not agreed to yet (their instrument had its
    // trial elsewhere, and they agreed to "trial first"): never charged until they press
    // 유료로 시작하기 (lib/subscriptions/confirm-paid-start.ts), whoever asks for the charge.
    .leftJoin(
      paidStartOffers,
      and(
        eq(paidStartOffers.subscriptionId, subscriptions.id),
        eq(paidStartOffers.paymentMethodId, subscriptions.paymentMethodId),
        isNull(paidStartOffers.confirmedAt),
      ),
    )
    .leftJoin(
      paymentMethods,
      and(
        eq(paymentMethods.id, subscriptions.paymentMethodId),
        eq(paymentMethods.status, "active"),
      ),
    )
    .where(inArray(subscriptions.id, ids))
    .orderBy(asc(subscriptions.id))
    .for("update", { of: subscriptions });

  // Every attempt of each outstanding period, read after the locks (so no settle can be
  // running for them): few rows, and they answer "live?", "paid?" and "which attempt next?".
  const attempts: PeriodAttempt[] = await tx
    .select({
      id: chargeAttempts.id,
      subscriptionId: chargeAttempts.subscriptionId,
      status: chargeAttempts.status,
      attemptNumber: chargeAttempts.attemptNumber,
    })
    .from(chargeAttempts)
    .innerJoin(
      subscriptions,
      and(
        eq(subscriptions.id, chargeAttempts.subscriptionId),
        eq(chargeAttempts.periodNumber, sql`${subscriptions.periodNumber} + 1`),
      ),
    )
    .where(and(inArray(chargeAttempts.subscriptionId, ids), eq(chargeAttempts.purpose, "period")));
  const attemptsBySub = new Map<string, PeriodAttempt[]>();
  for (const a of attempts) {
    attemptsBySub.set(a.subscriptionId, [...(attemptsBySub.get(a.subscriptionId) ?? []), a]);
  }

  const result = new Map<string, Reservation>();
  const toInsert: {
    values: typeof chargeAttempts.$inferInsert;
    method: PaymentMethod;
    plan: Plan;
    payer: Payer;
  }[] = [];
  for (const row of rows) {
    const id = row.sub.id;
    if (
      !(CHARGEABLE as readonly string[]).includes(row.sub.status) ||
      (row.sub.status === "incomplete" && row.awaitingPaidStart !== null)
    ) {
      result.set(id, { kind: "skipped", reason: "not_chargeable" });
      continue;
    }
    const periodAttempts = attemptsBySub.get(id) ?? [];
    const live = periodAttempts.find((a) => a.status === "pending" || a.status === "unknown");
    if (live) {
      const [attempt] = await tx
        .select()
        .from(chargeAttempts)
        .where(eq(chargeAttempts.id, live.id));
      if (attempt) {
        result.set(id, { kind: "in_flight", attempt });
        continue;
      }
    }
    // A success for the outstanding period is always settled together with the period
    // advance, so this only guards against a hand-edited row.
    if (periodAttempts.some((a) => a.status === "succeeded")) {
      result.set(id, { kind: "skipped", reason: "already_paid" });
      continue;
    }

    let { sub, plan } = row;
    if (prepare) {
      const decision = await prepare(tx, row);
      if (decision.kind === "skip") {
        result.set(id, { kind: "skipped", reason: "not_chargeable" });
        continue;
      }
      if (decision.kind === "handled") {
        result.set(id, decision);
        continue;
      }
      ({ sub, plan } = decision);
    }

    const method = row.method;
    if (!method?.billingKeyCiphertext) {
      result.set(id, { kind: "skipped", reason: "no_usable_method" });
      continue;
    }
    const periodNumber = sub.periodNumber + 1;
    const attemptNumber = Math.max(0, ...periodAttempts.map((a) => a.attemptNumber)) + 1;
    toInsert.push({
      method,
      plan,
      payer: row.payer,
      values: {
        subscriptionId: sub.id,
        userId: sub.userId,
        paymentMethodId: method.id,
        provider: method.provider,
        orderId: orderIdFor({
          subscriptionId: sub.id,
          periodNumber,
          attemptNumber,
          purpose: "period",
        }),
        purpose: "period",
        periodNumber,
        attemptNumber,
        amount: sub.priceAmount,
        amountTaxFree: sub.priceAmountTaxFree,
        orderName: `${plan.name} 자동결제`,
        status: "pending",
        testMode: isTestCharge(method),
        createdAt: now,
        updatedAt: now,
      },
    });
  }

  if (toInsert.length > 0) {
    // One insert for the batch, its rows as one JSON literal (insertJsonRows): drizzle's
    // multi-row VALUES builds a chunk per cell, about 0.2 ms of CPU per charge at 64 a batch.
    const inserted = tableRows(
      chargeAttempts,
      await tx.execute<Record<string, unknown>>(
        insertJsonRows(
          chargeAttempts,
          toInsert.map((r) => r.values),
          sql`returning *`,
          { cashReceiptTradeOption: cashReceiptChoice() },
        ),
      ),
    );
    const byOrder = new Map(inserted.map((a) => [a.orderId, a]));
    for (const { values, method, plan, payer } of toInsert) {
      const attempt = byOrder.get(values.orderId);
      if (!attempt) throw new Error(`charge attempt ${values.orderId} was not inserted`);
      result.set(values.subscriptionId, {
        kind: "reserved",
        attempt,
        method,
        orderName: values.orderName ?? `${plan.name} 자동결제`,
        payer,
      });
    }
  }
  for (const id of ids) {
    if (!result.has(id)) result.set(id, { kind: "skipped", reason: "not_chargeable" });
  }
  return result;
}

/**
 * Reserves the outstanding period of each subscription: records a pending attempt (or says
 * why not). All of them in one transaction; if that fails (one subscription's `prepare` threw),
 * each is reserved on its own so one bad row cannot hold up the others, and the bad one throws.
 */
export async function reserveAttempts(
  ids: string[],
  now: Date,
  prepare?: PrepareCharge,
): Promise<Map<string, Reservation | { kind: "error"; error: unknown }>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  try {
    return await db().transaction((tx) => reserveInTransaction(tx, unique, now, prepare));
  } catch (error) {
    if (unique.length === 1) return new Map([[unique[0]!, { kind: "error", error }]]);
    const result = new Map<string, Reservation | { kind: "error"; error: unknown }>();
    for (const id of unique) {
      const one = await reserveAttempts([id], now, prepare);
      result.set(id, one.get(id) ?? { kind: "error", error: new Error("not reserved") });
    }
    return result;
  }
}

/** Steps 2 and 3 for a reserved attempt: send it, then settle the answer. */
export async function sendAndSettle(
  reservation: ReservedAttempt,
  options: {
    now: Date;
    providerFor?: ProviderFor;
    settle?: Settle;
    // Bounds the requests in flight to the provider (the run's charge_concurrency); settling
    // happens outside it, so a slow commit never holds a provider slot.
    limit?: Limit;
  },
): Promise<Extract<ChargeRunOutcome, { kind: "settled" }>> {
  const { attempt, method, orderName, payer } = reservation;
  const providerFor = options.providerFor ?? defaultProviderFor;
  const limit = options.limit ?? ((fn) => fn());
  const queuedAt = performance.now();
  let providerMs = 0;
  const result = await limit(async () => {
    const started = performance.now();
    // The one place a provider is asked to charge (every purpose comes through here).
    const call = callProvider("charge", () =>
      providerFor(method.provider).charge({
        billingKey: decryptBillingKey(method.billingKeyCiphertext ?? "", method.id),
        customer: {
          providerCustomerId: method.providerCustomerId,
          providerDisplayId: method.providerDisplayId ?? undefined,
        },
        orderId: attempt.orderId,
        orderName,
        amount: attempt.amount,
        amountTaxFree: attempt.amountTaxFree,
        // Sent rather than left to the provider, so its record matches our receipt to the won.
        amountVat: splitVat(attempt.amount, attempt.amountTaxFree).vat,
        cashReceipt: attempt.cashReceiptTradeOption,
        payer,
      }),
    );
    await crashWhileInFlight();
    const answer = await call;
    providerMs = performance.now() - started;
    return answer;
  });
  const waitedMs = performance.now() - queuedAt - providerMs;

  const item = { attemptId: attempt.id, subscriptionId: attempt.subscriptionId, result, method };
  const settled = options.settle
    ? await options.settle(item)
    : ((
        await settleChargeAttempts([item], {
          now: options.now,
          beforeCommit: () => crashPoint("after_response_before_commit"),
        })
      )[0] ?? null);
  crashPoint("after_commit");
  return {
    kind: "settled",
    attempt: settled?.attempt ?? attempt,
    result: result.outcome,
    providerMs,
    waitedMs,
    subscription: settled?.subscription ?? null,
  };
}

/**
 * Charges the subscription's outstanding period once. Safe to call from anywhere, any number
 * of times, concurrently: at most one attempt per period is ever live.
 */
export async function chargeOutstandingPeriod(
  subscriptionId: string,
  options: ChargeOptions = {},
): Promise<ChargeRunOutcome> {
  const now = options.now ?? new Date();
  const reservation = (await reserveAttempts([subscriptionId], now, options.prepare)).get(
    subscriptionId,
  );
  if (!reservation) return { kind: "skipped", reason: "not_chargeable" };
  if (reservation.kind === "error") throw reservation.error;
  if (reservation.kind !== "reserved") return reservation;
  crashPoint("after_attempt_insert");
  return sendAndSettle(reservation, { now, providerFor: options.providerFor });
}

/** Counts live attempts (for health figures and tests). */
export async function countUnresolvedAttempts(executor: Executor = db()): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(chargeAttempts)
    .where(isLiveAttempt());
  return row?.n ?? 0;
}
