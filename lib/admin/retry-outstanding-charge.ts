import { eq } from "drizzle-orm";
import {
  chargeOutstandingPeriod,
  type ChargeRunOutcome,
} from "@/lib/billing/charge-outstanding-period";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { db } from "@/lib/db/client";
import { subscriptionEvents, subscriptions } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { actorString, asActor, type AdminActor } from "./admin-actor";
import { subscriptionSnapshot } from "@/lib/subscriptions/lock-subscription";
import { recordAudit } from "@/lib/audit/record-audit";

// "Retry now" for a subscription whose renewal failed (past_due) or whose retries ran out
// (unpaid): the engine's one charge path, outside any transaction of ours because the provider
// call can take 15 seconds. The engine records the attempt before sending, settles it, and moves
// the state; this records who asked and what came of it (subscription event + audit entry).

const RETRYABLE = ["past_due", "unpaid"] as const;

export type RetryOutcome = ChargeRunOutcome;

export async function retryOutstandingCharge(
  admin: AdminActor,
  subscriptionId: string,
  options: { now?: Date; providerFor?: ProviderFor } = {},
): Promise<RetryOutcome> {
  const [before] = await db()
    .select()
    .from(subscriptions)
    .where(eq(subscriptions.id, subscriptionId));
  if (!before) {
    throw new AppError("not_found", `subscription ${subscriptionId} not found`, {
      userMessage: "구독을 찾을 수 없어요.",
    });
  }
  const notRetryable = () =>
    new AppError(
      "conflict",
      `retry needs a past_due or unpaid subscription, but ${subscriptionId} is ${before.status}`,
      { userMessage: "미납된 결제가 있는 구독만 지금 결제를 다시 시도할 수 있어요." },
    );
  if (!(RETRYABLE as readonly string[]).includes(before.status)) throw notRetryable();

  const outcome = await chargeOutstandingPeriod(subscriptionId, {
    now: options.now,
    providerFor: options.providerFor,
    // Checked again under the engine's row lock: if the period was paid meanwhile (the cron got
    // there first), charging "the outstanding period" would charge the next one early.
    prepare: async (_tx, locked) =>
      (RETRYABLE as readonly string[]).includes(locked.sub.status)
        ? { kind: "charge", sub: locked.sub, plan: locked.plan }
        : { kind: "skip" },
  });

  const now = options.now ?? new Date();
  const summary = {
    outcome: outcome.kind,
    ...(outcome.kind === "settled"
      ? { result: outcome.result, attemptId: outcome.attempt.id, orderId: outcome.attempt.orderId }
      : {}),
    ...(outcome.kind === "in_flight"
      ? { attemptId: outcome.attempt.id, orderId: outcome.attempt.orderId }
      : {}),
    ...(outcome.kind === "skipped" ? { reason: outcome.reason } : {}),
    ...(outcome.kind === "handled" ? { action: outcome.action } : {}),
  };
  await db().transaction(async (tx) => {
    const [after] = await tx
      .select()
      .from(subscriptions)
      .where(eq(subscriptions.id, subscriptionId));
    await tx.insert(subscriptionEvents).values({
      subscriptionId,
      type: "admin_charge_retry",
      actor: actorString(admin),
      data: summary,
      createdAt: now,
    });
    await recordAudit(tx, {
      actor: asActor(admin),
      action: "subscription.retry_charge",
      targetType: "subscription",
      targetId: subscriptionId,
      before: subscriptionSnapshot(before),
      after: { ...(after ? subscriptionSnapshot(after) : {}), ...summary },
    });
  });
  return outcome;
}
