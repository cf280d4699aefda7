import { and, eq, inArray, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptionEvents,
  subscriptions,
  type ChargeAttempt,
} from "@/lib/db/schema";
import type { ChargeLookup, ChargeResult } from "@/lib/payments/types";
import { applyTransition } from "./apply-transition";
import { dunningPolicyOf, loadMerchantSettings } from "./merchant-settings";

// Records a provider's answer for an attempt and moves the subscription accordingly, in one
// transaction. The attempt is only updated while it is still live (pending/unknown), so two
// workers settling the same attempt (a late response racing a lookup) apply it once.

export type SettleResult = ChargeResult | ChargeLookup;

// After a config error (bad key, merchant not enabled) nothing was charged and the customer
// cannot fix it; try again later instead of hammering the provider every cron run.
const CONFIG_ERROR_BACKOFF_MS = 60 * 60 * 1000;

export async function settleChargeAttempt(
  attemptId: string,
  result: SettleResult,
  options: { now?: Date | undefined } = {},
): Promise<ChargeAttempt | null> {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const [current] = await tx
      .select({ subscriptionId: chargeAttempts.subscriptionId })
      .from(chargeAttempts)
      .where(eq(chargeAttempts.id, attemptId));
    if (!current) return null;
    // Lock order everywhere: subscription first, then its attempts.
    const [row] = await tx
      .select({ sub: subscriptions, plan: plans })
      .from(subscriptions)
      .innerJoin(plans, eq(plans.id, subscriptions.planId))
      .where(eq(subscriptions.id, current.subscriptionId))
      .for("update", { of: subscriptions });
    if (!row) return null;
    const { sub, plan } = row;

    const live = and(
      eq(chargeAttempts.id, attemptId),
      inArray(chargeAttempts.status, ["pending", "unknown"]),
    );
    const common = { rawResponse: result.raw, updatedAt: now };

    if (result.outcome === "unknown") {
      const [attempt] = await tx
        .update(chargeAttempts)
        .set({
          ...common,
          status: "unknown",
          errorCode: result.code,
          errorMessage: result.merchantMessage,
          lastCheckedAt: now,
          checkCount: sql`${chargeAttempts.checkCount} + 1`,
        })
        .where(live)
        .returning();
      return attempt ?? null;
    }

    if (result.outcome === "succeeded") {
      const { charge } = result;
      const [attempt] = await tx
        .update(chargeAttempts)
        .set({
          ...common,
          status: "succeeded",
          failureCategory: null,
          errorCode: null,
          errorMessage: null,
          customerMessage: null,
          providerPaymentId: charge.providerPaymentId,
          providerTransactionId: charge.providerTransactionId,
          receiptUrl: charge.receiptUrl,
          approvedAt: charge.approvedAt ?? now,
        })
        .where(live)
        .returning();
      if (!attempt) return null;
      const outstanding = attempt.periodNumber === sub.periodNumber + 1;
      if (attempt.purpose === "period" && outstanding && sub.status !== "canceled") {
        await applyTransition(
          tx,
          sub,
          { type: "period_paid", now, plan, periodNumber: attempt.periodNumber },
          "system",
          { orderId: attempt.orderId, amount: attempt.amount },
        );
      } else if (attempt.purpose === "period") {
        // Money moved for a period the subscription no longer expects (it was canceled while
        // the charge was in flight). Keep it visible for a refund decision.
        await tx.insert(subscriptionEvents).values({
          subscriptionId: sub.id,
          type: "charge_needs_review",
          actor: "system",
          data: { orderId: attempt.orderId, amount: attempt.amount, status: sub.status },
          createdAt: now,
        });
      }
      return attempt;
    }

    // not_found: the provider has no payment under this order id, so nothing was charged.
    // The attempt is closed without counting as a customer failure; the next run charges the
    // period again under the next attempt number.
    if (result.outcome === "not_found") {
      const [attempt] = await tx
        .update(chargeAttempts)
        .set({
          ...common,
          status: "failed",
          failureCategory: null,
          errorCode: result.code ?? "NOT_FOUND",
          errorMessage: result.merchantMessage,
          lastCheckedAt: now,
        })
        .where(live)
        .returning();
      return attempt ?? null;
    }

    const [attempt] = await tx
      .update(chargeAttempts)
      .set({
        ...common,
        status: "failed",
        failureCategory: result.outcome,
        errorCode: result.code,
        errorMessage: result.merchantMessage,
        customerMessage: result.customerMessage,
      })
      .where(live)
      .returning();
    if (!attempt) return null;
    const outstanding = attempt.periodNumber === sub.periodNumber + 1;
    const inDunningScope = ["incomplete", "trialing", "active", "past_due"].includes(sub.status);
    const data = { orderId: attempt.orderId, code: result.code, message: result.customerMessage };

    if (result.outcome === "config_error") {
      await tx.insert(subscriptionEvents).values({
        subscriptionId: sub.id,
        type: "charge_config_error",
        actor: "system",
        data: { ...data, merchantMessage: result.merchantMessage },
        createdAt: now,
      });
      if (sub.nextChargeAt && sub.nextChargeAt <= now) {
        await tx
          .update(subscriptions)
          .set({ nextChargeAt: new Date(now.getTime() + CONFIG_ERROR_BACKOFF_MS), updatedAt: now })
          .where(eq(subscriptions.id, sub.id));
      }
      return attempt;
    }

    if (result.outcome === "needs_new_method" && attempt.paymentMethodId) {
      await tx
        .update(paymentMethods)
        .set({
          status: "removed",
          removedAt: now,
          failureCode: result.code,
          failureMessage: result.merchantMessage,
          updatedAt: now,
        })
        .where(
          and(eq(paymentMethods.id, attempt.paymentMethodId), eq(paymentMethods.status, "active")),
        );
    }

    if (attempt.purpose === "period" && outstanding && inDunningScope) {
      const policy = dunningPolicyOf(await loadMerchantSettings(tx));
      await applyTransition(
        tx,
        sub,
        result.outcome === "needs_new_method"
          ? { type: "payment_method_unusable", now, policy }
          : { type: "payment_declined", now, policy },
        "system",
        data,
      );
    }
    return attempt;
  });
}
