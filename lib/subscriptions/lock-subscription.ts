import { and, eq, ne, type SQL } from "drizzle-orm";
import { InvalidTransitionError } from "@/lib/billing/subscription-transitions";
import { db, type Executor } from "@/lib/db/client";
import { chargeAttempts, subscriptions, type Subscription } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/audit/actor";
import { changedFields } from "@/lib/audit/changed-fields";
import { recordAudit } from "@/lib/audit/record-audit";
import { liveAttemptOf } from "@/lib/billing/live-attempts";

// Which subscription a change is for: the admin names it by id; a customer changes their own
// live one, found by their user id (never by an id the browser sent).
export type SubscriptionTarget = string | { userId: string };

function whereOf(target: SubscriptionTarget): SQL | undefined {
  return typeof target === "string"
    ? eq(subscriptions.id, target)
    : and(eq(subscriptions.userId, target.userId), ne(subscriptions.status, "canceled"));
}

/**
 * Runs `fn` in a transaction holding the subscription's row lock (the lock every billing path
 * takes first), turning a transition the state machine refuses into a conflict a person can read.
 */
export async function withLockedSubscription<T>(
  target: SubscriptionTarget,
  fn: (tx: Executor, sub: Subscription) => Promise<T>,
): Promise<T> {
  return db().transaction(async (tx) => {
    const [sub] = await tx.select().from(subscriptions).where(whereOf(target)).for("update");
    if (!sub) {
      throw typeof target === "string"
        ? new AppError("not_found", `subscription ${target} not found`, {
            userMessage: "구독을 찾을 수 없어요.",
          })
        : new AppError("not_found", `user ${target.userId} has no live subscription`, {
            userMessage: "이용 중인 구독이 없어요.",
          });
    }
    try {
      return await fn(tx, sub);
    } catch (error) {
      if (error instanceof InvalidTransitionError) {
        throw new AppError("conflict", `subscription ${sub.id}: ${error.message}`, {
          userMessage: "지금 구독 상태에서는 할 수 없는 작업이에요. 화면을 새로고침해 주세요.",
        });
      }
      throw error;
    }
  });
}

/** Refuses `action` unless the subscription is in one of `allowed`, naming both. */
export function assertStatus(
  sub: Subscription,
  allowed: readonly Subscription["status"][],
  action: string,
  userMessage: string,
): void {
  if (!allowed.includes(sub.status)) {
    throw new AppError(
      "conflict",
      `${action} needs a subscription in ${allowed.join("/")}, but ${sub.id} is ${sub.status}`,
      { userMessage },
    );
  }
}

/**
 * Dates must not move under a charge in flight: its settlement computes the next period from
 * the row as it finds it. The admin waits for the lookup to resolve it (minutes).
 */
export async function assertNoLiveCharge(tx: Executor, sub: Subscription): Promise<void> {
  const [live] = await tx
    .select({ orderId: chargeAttempts.orderId })
    .from(chargeAttempts)
    .where(liveAttemptOf(sub.id))
    .limit(1);
  if (live) {
    throw new AppError(
      "conflict",
      `subscription ${sub.id} has a charge in flight (${live.orderId}); wait until it is resolved`,
      { userMessage: "결제 결과를 확인하는 중이에요. 결과가 나온 뒤 다시 시도해 주세요." },
    );
  }
}

/** The columns the audit log keeps for a subscription's dates and state. */
export function subscriptionSnapshot(sub: Subscription) {
  return {
    status: sub.status,
    cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
    currentPeriodStart: sub.currentPeriodStart?.toISOString() ?? null,
    currentPeriodEnd: sub.currentPeriodEnd?.toISOString() ?? null,
    billingAnchorAt: sub.billingAnchorAt?.toISOString() ?? null,
    trialEnd: sub.trialEnd?.toISOString() ?? null,
    nextChargeAt: sub.nextChargeAt?.toISOString() ?? null,
    canceledAt: sub.canceledAt?.toISOString() ?? null,
    endedAt: sub.endedAt?.toISOString() ?? null,
    dunningAttempts: sub.dunningAttempts,
  };
}

/**
 * The audit entry of a change to a subscription, written in the change's transaction:
 * which of the snapshot's columns moved, from what to what (`extra` adds to the after side).
 */
export async function auditSubscriptionChange(
  tx: Executor,
  actor: Actor,
  change: {
    action: string;
    before: Subscription;
    after: Subscription;
    extra?: Record<string, unknown>;
  },
): Promise<void> {
  const diff = changedFields(
    subscriptionSnapshot(change.before),
    subscriptionSnapshot(change.after),
  );
  await recordAudit(tx, {
    actor,
    action: change.action,
    targetType: "subscription",
    targetId: change.before.id,
    before: diff?.before ?? null,
    after: change.extra ? { ...diff?.after, ...change.extra } : (diff?.after ?? null),
  });
}
