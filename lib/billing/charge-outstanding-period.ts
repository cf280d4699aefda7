import { and, eq, inArray, sql } from "drizzle-orm";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db, type Executor } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  type ChargeAttempt,
  type PaymentMethod,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import type { ChargeResult } from "@/lib/payments/types";
import { crashPoint, crashWhileInFlight } from "./crash-points";
import { orderIdFor } from "./order-id";
import { defaultProviderFor, type ProviderFor } from "./provider-for";
import { settleChargeAttempt } from "./settle-charge-attempt";

// The one charge path, used by the first charge after a customer links a method and by every
// renewal and dunning retry of the cron (billing.md "Charging: one attempt at a time, recorded
// first"):
//   1. reserve: lock the subscription, find its outstanding period, and record a pending attempt
//      with a deterministic order id — before anything is sent;
//   2. send: call the provider outside any transaction (it can take 15 s);
//   3. settle: record the answer and move the subscription, in one transaction.
// A crash between 1 and 3 leaves a pending attempt that reconcileChargeAttempt resolves by
// looking the same order id up; the partial unique indexes on charge_attempts make a second
// live attempt or a second success for the same period impossible.

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

export type ChargeOptions = {
  now?: Date;
  providerFor?: ProviderFor;
  /**
   * Runs inside the reservation's transaction, with the subscription locked and no attempt of
   * its outstanding period live. The billing run uses it to apply the rules of a due
   * subscription (billing.md) atomically with the decision to charge.
   */
  prepare?: (tx: Executor, locked: LockedSubscription) => Promise<PrepareDecision>;
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
      // Wall time spent waiting for the provider (the benchmark's "outside the provider").
      providerMs: number;
    };

type Reservation =
  | Exclude<ChargeRunOutcome, { kind: "settled" }>
  | { kind: "reserved"; attempt: ChargeAttempt; method: PaymentMethod; orderName: string };

const CHARGEABLE = ["incomplete", "trialing", "active", "past_due", "unpaid"] as const;

async function reserveAttempt(
  subscriptionId: string,
  now: Date,
  prepare: ChargeOptions["prepare"],
): Promise<Reservation> {
  return db().transaction(async (tx) => {
    // One round trip for the subscription, its plan and its usable method; only the
    // subscription is locked (lock order everywhere: subscription first).
    const [row] = await tx
      .select({ sub: subscriptions, plan: plans, method: paymentMethods })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .leftJoin(
        paymentMethods,
        and(
          eq(paymentMethods.id, subscriptions.paymentMethodId),
          eq(paymentMethods.status, "active"),
        ),
      )
      .where(eq(subscriptions.id, subscriptionId))
      .for("update", { of: subscriptions });
    if (!row || !(CHARGEABLE as readonly string[]).includes(row.sub.status)) {
      return { kind: "skipped", reason: "not_chargeable" };
    }
    const periodNumber = row.sub.periodNumber + 1;

    // Every attempt of the outstanding period: few rows, and they answer three questions.
    const attempts = await tx
      .select({
        id: chargeAttempts.id,
        status: chargeAttempts.status,
        attemptNumber: chargeAttempts.attemptNumber,
      })
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, subscriptionId),
          eq(chargeAttempts.purpose, "period"),
          eq(chargeAttempts.periodNumber, periodNumber),
        ),
      );
    const live = attempts.find((a) => a.status === "pending" || a.status === "unknown");
    if (live) {
      const [attempt] = await tx
        .select()
        .from(chargeAttempts)
        .where(eq(chargeAttempts.id, live.id));
      if (attempt) return { kind: "in_flight", attempt };
    }
    // A success for the outstanding period is always settled together with the period
    // advance, so this only guards against a hand-edited row.
    if (attempts.some((a) => a.status === "succeeded")) {
      return { kind: "skipped", reason: "already_paid" };
    }

    let { sub, plan } = row;
    if (prepare) {
      const decision = await prepare(tx, row);
      if (decision.kind === "skip") return { kind: "skipped", reason: "not_chargeable" };
      if (decision.kind === "handled") return decision;
      ({ sub, plan } = decision);
    }

    const method = row.method;
    if (!method?.billingKeyCiphertext) return { kind: "skipped", reason: "no_usable_method" };

    const attemptNumber = Math.max(0, ...attempts.map((a) => a.attemptNumber)) + 1;
    const [attempt] = await tx
      .insert(chargeAttempts)
      .values({
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
        status: "pending",
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!attempt) throw new Error("charge attempt insert returned nothing");
    return { kind: "reserved", attempt, method, orderName: `${plan.name} 정기결제` };
  });
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
  const reservation = await reserveAttempt(subscriptionId, now, options.prepare);
  if (reservation.kind !== "reserved") return reservation;
  const { attempt, method, orderName } = reservation;
  crashPoint("after_attempt_insert");

  const providerFor = options.providerFor ?? defaultProviderFor;
  const started = performance.now();
  // Anything thrown (even synchronously) may have happened after the request left: the
  // outcome is unknown, never a failure.
  const call = Promise.resolve()
    .then(() =>
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
      }),
    )
    .catch((error: unknown): ChargeResult => thrownAsUnknown(error));
  await crashWhileInFlight();
  const result = await call;
  const providerMs = performance.now() - started;

  const settled = await settleChargeAttempt(attempt.id, result, {
    now,
    beforeCommit: () => crashPoint("after_response_before_commit"),
  });
  crashPoint("after_commit");
  return { kind: "settled", attempt: settled ?? attempt, result: result.outcome, providerMs };
}

function thrownAsUnknown(error: unknown): ChargeResult {
  return {
    outcome: "unknown",
    code: "CLIENT_ERROR",
    merchantMessage: `charge call threw: ${error instanceof Error ? error.message : String(error)}`,
    customerMessage: "결제 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
    raw: null,
  };
}

/** Counts live attempts (for health figures and tests). */
export async function countUnresolvedAttempts(executor: Executor = db()): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(chargeAttempts)
    .where(inArray(chargeAttempts.status, ["pending", "unknown"]));
  return row?.n ?? 0;
}
