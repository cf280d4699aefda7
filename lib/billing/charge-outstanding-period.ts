import { and, eq, inArray, max, sql } from "drizzle-orm";
import { decryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  type ChargeAttempt,
  type PaymentMethod,
} from "@/lib/db/schema";
import { getPaymentProvider } from "@/lib/payments/registry";
import type { ChargeResult } from "@/lib/payments/types";
import { orderIdFor } from "./order-id";
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

export type ChargeRunOutcome =
  | { kind: "skipped"; reason: "not_chargeable" | "no_usable_method" | "already_paid" }
  // Another attempt for this period is live (in flight or awaiting a lookup).
  | { kind: "in_flight"; attempt: ChargeAttempt }
  | { kind: "settled"; attempt: ChargeAttempt; result: ChargeResult["outcome"] };

type Reservation =
  | { kind: "skipped"; reason: "not_chargeable" | "no_usable_method" | "already_paid" }
  | { kind: "in_flight"; attempt: ChargeAttempt }
  | {
      kind: "reserved";
      attempt: ChargeAttempt;
      method: PaymentMethod;
      orderName: string;
    };

const CHARGEABLE = ["incomplete", "trialing", "active", "past_due", "unpaid"] as const;

async function reserveAttempt(subscriptionId: string, now: Date): Promise<Reservation> {
  return db().transaction(async (tx) => {
    const [row] = await tx
      .select({ sub: subscriptions, plan: plans })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.id, subscriptionId))
      .for("update", { of: subscriptions });
    if (!row || !(CHARGEABLE as readonly string[]).includes(row.sub.status)) {
      return { kind: "skipped", reason: "not_chargeable" };
    }
    const { sub, plan } = row;
    const periodNumber = sub.periodNumber + 1;

    const existing = await tx
      .select()
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, sub.id),
          eq(chargeAttempts.purpose, "period"),
          eq(chargeAttempts.periodNumber, periodNumber),
          inArray(chargeAttempts.status, ["pending", "unknown", "succeeded"]),
        ),
      );
    const live = existing.find((a) => a.status !== "succeeded");
    if (live) return { kind: "in_flight", attempt: live };
    // A success for the outstanding period is always settled together with the period
    // advance, so this only guards against a hand-edited row.
    if (existing.some((a) => a.status === "succeeded")) {
      return { kind: "skipped", reason: "already_paid" };
    }

    const [method] = sub.paymentMethodId
      ? await tx
          .select()
          .from(paymentMethods)
          .where(
            and(eq(paymentMethods.id, sub.paymentMethodId), eq(paymentMethods.status, "active")),
          )
      : [];
    if (!method?.billingKeyCiphertext) return { kind: "skipped", reason: "no_usable_method" };

    const [last] = await tx
      .select({ n: max(chargeAttempts.attemptNumber) })
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, sub.id),
          eq(chargeAttempts.purpose, "period"),
          eq(chargeAttempts.periodNumber, periodNumber),
        ),
      );
    const attemptNumber = (last?.n ?? 0) + 1;
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
  options: { now?: Date } = {},
): Promise<ChargeRunOutcome> {
  const now = options.now ?? new Date();
  const reservation = await reserveAttempt(subscriptionId, now);
  if (reservation.kind !== "reserved") return reservation;
  const { attempt, method, orderName } = reservation;

  let result: ChargeResult;
  try {
    const provider = getPaymentProvider(method.provider);
    result = await provider.charge({
      billingKey: decryptBillingKey(method.billingKeyCiphertext ?? "", method.id),
      customer: {
        providerCustomerId: method.providerCustomerId,
        providerDisplayId: method.providerDisplayId ?? undefined,
      },
      orderId: attempt.orderId,
      orderName,
      amount: attempt.amount,
      amountTaxFree: attempt.amountTaxFree,
    });
  } catch (error) {
    // Anything thrown here may have happened after the request left: never a failure.
    result = {
      outcome: "unknown",
      code: "CLIENT_ERROR",
      merchantMessage: `charge call threw: ${error instanceof Error ? error.message : String(error)}`,
      customerMessage: "결제 결과를 확인하고 있어요. 잠시 후 다시 확인해 주세요.",
      raw: null,
    };
  }

  const settled = await settleChargeAttempt(attempt.id, result, { now: options.now });
  return { kind: "settled", attempt: settled ?? attempt, result: result.outcome };
}

/** Counts live attempts (for health figures and tests). */
export async function countUnresolvedAttempts(): Promise<number> {
  const [row] = await db()
    .select({ n: sql<number>`count(*)::int` })
    .from(chargeAttempts)
    .where(inArray(chargeAttempts.status, ["pending", "unknown"]));
  return row?.n ?? 0;
}
