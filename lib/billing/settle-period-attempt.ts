import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import { applyChange } from "./apply-transition";
import { handingBackLease } from "./claim-due-subscriptions";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { dunningPolicyOf } from "./merchant-settings";
import { noticeKey, notifyCustomer, type NotifyInput } from "./notify-customer";
import type { SettleContext, SettleHook, SubscriptionAfter } from "./settle-hook";
import { transition } from "./subscription-transitions";

// The settle hook of purpose "period" (first charge, renewal, dunning retry): a success pays the
// outstanding period and moves the subscription on; a decline starts or continues dunning.

// After a config error (bad key, merchant not enabled) nothing was charged and the customer
// cannot fix it; try again later instead of hammering the provider every cron run.
const CONFIG_ERROR_BACKOFF_MS = 60 * 60 * 1000;

export const settlePeriodAttempt: SettleHook = (tx, ctx) =>
  ctx.failure ? periodFailed(tx, ctx, ctx.failure) : periodPaid(tx, ctx);

async function periodPaid(
  tx: Executor,
  { sub, plan, attempt, now }: SettleContext,
): Promise<SubscriptionAfter> {
  const outstanding = attempt.periodNumber === sub.periodNumber + 1;
  if (!outstanding || sub.status === "canceled") {
    // Money moved for a period the subscription no longer expects (it was canceled while the
    // charge was in flight). Keep it visible for a refund decision.
    await tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type: "charge_needs_review",
      actor: "system",
      data: { orderId: attempt.orderId, amount: attempt.amount, status: sub.status },
      createdAt: now,
    });
    return sub;
  }
  // As in the group settle (settle-paid-periods.ts): the lease goes with the paid period.
  const change = handingBackLease(
    sub,
    transition(sub, { type: "period_paid", now, plan, periodNumber: attempt.periodNumber }),
    now,
  );
  // What the row will look like, for the notice written alongside the change (both go out in
  // one round trip).
  const paid = { ...sub, ...change.patch };
  await Promise.all([
    applyChange(tx, sub, change, now, "system", paidEventData(attempt)),
    notifyCustomer(tx, paidNotice({ sub, plan, attempt, paid, now })),
  ]);
  return paid;
}

/** What the history entry of a paid period adds to the transition's own data. */
export function paidEventData(attempt: SettleContext["attempt"]) {
  return { orderId: attempt.orderId, amount: attempt.amount };
}

/**
 * The notice of a paid period: a receipt, or "payment recovered" when it ends dunning. `paid` is
 * the subscription as the payment leaves it.
 */
export function paidNotice({
  sub,
  plan,
  attempt,
  paid,
  now,
}: Omit<SettleContext, "failure"> & { paid: Subscription }): NotifyInput {
  const recovered = sub.status === "past_due" || sub.status === "unpaid";
  return recovered
    ? {
        kind: "payment_recovered",
        userId: sub.userId,
        subscriptionId: sub.id,
        dedupeKey: noticeKey("payment_recovered", attempt.id),
        now,
        data: {
          planName: plan.name,
          amount: attempt.amount,
          chargeId: attempt.id,
          receiptUrl: attempt.receiptUrl,
          nextChargeAt: paid.nextChargeAt,
        },
      }
    : {
        kind: "receipt",
        userId: sub.userId,
        subscriptionId: sub.id,
        dedupeKey: noticeKey("receipt", attempt.id),
        now,
        data: {
          planName: plan.name,
          amount: attempt.amount,
          orderId: attempt.orderId,
          chargeId: attempt.id,
          approvedAt: attempt.approvedAt ?? now,
          receiptUrl: attempt.receiptUrl,
          description: "자동결제",
          periodStart: paid.currentPeriodStart,
          periodEnd: paid.currentPeriodEnd,
          nextChargeAt: paid.nextChargeAt,
        },
      };
}

async function periodFailed(
  tx: Executor,
  { sub, plan, attempt, now }: SettleContext,
  result: NonNullable<SettleContext["failure"]>,
): Promise<SubscriptionAfter> {
  // not_found: nothing was charged and nobody declined; the next run charges the period again.
  if (result.outcome === "not_found") return sub;
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
      const nextChargeAt = new Date(now.getTime() + CONFIG_ERROR_BACKOFF_MS);
      await tx
        .update(subscriptions)
        .set({ nextChargeAt, updatedAt: now })
        .where(eq(subscriptions.id, sub.id));
      return { status: sub.status, nextChargeAt };
    }
    return sub;
  }

  const outstanding = attempt.periodNumber === sub.periodNumber + 1;
  const inDunningScope = ["incomplete", "trialing", "active", "past_due"].includes(sub.status);
  if (!outstanding || !inDunningScope) return sub;
  const policy = dunningPolicyOf(await loadMerchantSettings(tx));
  // A declined renewal is retried later (or ends dunning): no longer due at this `now`, so the
  // run's lease goes in the same UPDATE, as for a paid period.
  const declined = transition(
    sub,
    result.outcome === "needs_new_method"
      ? { type: "payment_method_unusable", now, policy }
      : { type: "payment_declined", now, policy },
  );
  const moved = await applyChange(
    tx,
    sub,
    handingBackLease(sub, declined, now),
    now,
    "system",
    data,
  );
  // A declined first charge is shown on the page the customer is looking at.
  if (sub.status !== "incomplete") {
    await notifyFailure(tx, { attempt, planName: plan.name, moved, now, result });
  }
  return moved;
}

async function notifyFailure(
  tx: Executor,
  input: {
    attempt: SettleContext["attempt"];
    planName: string;
    moved: Subscription;
    now: Date;
    result: NonNullable<SettleContext["failure"]>;
  },
) {
  const { attempt, planName, moved, now, result } = input;
  const common = { userId: moved.userId, subscriptionId: moved.id, now };
  // Access lasts while past_due (grace); after the last retry it is gone.
  const accessUntil = moved.status === "past_due" ? moved.nextChargeAt : null;
  if (result.outcome === "needs_new_method") {
    await notifyCustomer(tx, {
      ...common,
      kind: "action_required",
      dedupeKey: noticeKey("action_required", attempt.id),
      data: {
        planName,
        reason: result.customerMessage,
        amountDue: attempt.amount,
        accessUntil,
      },
    });
    return;
  }
  await notifyCustomer(tx, {
    ...common,
    kind: "payment_failed",
    dedupeKey: noticeKey("payment_failed", attempt.id),
    data: {
      planName,
      amount: attempt.amount,
      reason: result.customerMessage,
      nextRetryAt: moved.status === "past_due" ? moved.nextChargeAt : null,
      accessUntil,
    },
  });
}
