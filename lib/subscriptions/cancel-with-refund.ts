import { and, desc, eq, inArray } from "drizzle-orm";
import { customerActor, formatActor } from "@/lib/audit/actor";
import { applyTransition } from "@/lib/billing/apply-transition";
import { db, type Executor } from "@/lib/db/client";
import {
  refunds as refundsTable,
  subscriptionEvents,
  type MerchantSettings,
  type Refund,
  type Subscription,
} from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { planNameFor } from "@/lib/plans/queries";
import {
  assertNoLiveCharge,
  auditSubscriptionChange,
  withLockedSubscription,
} from "./lock-subscription";
import {
  loadSubscriptionPayments,
  type SubscriptionPayments,
} from "@/lib/refunds/load-subscription-payments";
import { recordRefundRequestIn, sendRecordedRefund } from "@/lib/refunds/refund-charge";

// The one path that ends a subscription NOW together with a refund the customer asked for
// (청약철회, or cancel-now with the unused days back). Shaped like the charge path:
//
// 1. One transaction holds the subscription lock (every billing path takes it first) and then
//    the charges' locks (every refund takes them): the decision is made again on the rows as
//    they are, the refunds are recorded as pending with their own refundNo, and the subscription
//    moves to canceled through the state machine with the refund ids in its history — all
//    committed together, so there is never an ended subscription without its refund, nor a
//    refund without its cancellation.
// 2. After the commit each refund is sent (lib/refunds/refund-charge.ts). A refund whose answer
//    is lost stays pending/unknown and the billing run re-sends it with the same refundNo
//    (retry-live-refunds.ts), which the provider answers without refunding twice.
//
// A second submit (a double click, a reload) waits for the first transaction, finds the
// subscription already ended by the same kind of cancellation and returns that result: one
// refund, never two.

export type CancellationKind = "withdrawal" | "prorated";

export const REFUND_REASON: Record<CancellationKind, string> = {
  withdrawal: "청약철회",
  prorated: "중도 해지 환불",
};

export type CancellationWithRefund = {
  subscription: Subscription;
  kind: CancellationKind;
  amount: number; // KRW, the sum of the refunds
  refunds: Refund[]; // as they stand after sending (succeeded, failed, or still unknown)
  // True when this request found the cancellation already made (a second submit).
  alreadyDone: boolean;
};

export type PlannedRefunds = {
  refunds: { chargeAttemptId: string; amount: number }[];
  // Kept in the history and the notice (e.g. remaining days).
  details: Record<string, unknown>;
  remainingDays?: number;
};

/**
 * What the customer asks for when they end a subscription with a refund; withdrawSubscription
 * and cancelNowWithRefund take exactly this and add their own kind and plan.
 */
export type CancellationRequest = {
  subscriptionId: string;
  userId: string;
  // The amount the customer confirmed: a different amount now (the day turned) is refused.
  expectedAmount?: number | undefined;
  now?: Date | undefined;
  providerFor?: ProviderFor | undefined;
};

export async function cancelWithRefund(
  input: CancellationRequest & {
    kind: CancellationKind;
    // Decides under the locks; throws an AppError with the customer's reason when refused.
    plan: (context: {
      sub: Subscription;
      payments: SubscriptionPayments;
      settings: MerchantSettings;
      now: Date;
    }) => PlannedRefunds;
  },
): Promise<CancellationWithRefund> {
  const now = input.now ?? new Date();
  const actor = customerActor(input.userId);
  const reason = REFUND_REASON[input.kind];

  const recorded = await withLockedSubscription(input.subscriptionId, async (tx, sub) => {
    if (sub.userId !== input.userId) {
      throw new AppError("not_found", `subscription ${sub.id} is not ${input.userId}'s`, {
        userMessage: "구독을 찾을 수 없어요.",
      });
    }
    if (sub.status === "canceled") {
      const earlier = await earlierCancellation(tx, sub.id, input.kind);
      if (earlier) return { sub, ...earlier, alreadyDone: true };
      throw new AppError("conflict", `subscription ${sub.id} has already ended`, {
        userMessage: "이미 해지된 구독이에요.",
      });
    }
    const [settings, payments] = await Promise.all([
      loadMerchantSettings(tx),
      loadSubscriptionPayments(tx, sub.id, { lock: true }),
    ]);
    const planned = input.plan({ sub, payments, settings, now });
    const amount = planned.refunds.reduce((sum, r) => sum + r.amount, 0);
    if (input.expectedAmount !== undefined && input.expectedAmount !== amount) {
      throw new AppError(
        "conflict",
        `refund for ${sub.id} is now ${amount} KRW, not the ${input.expectedAmount} KRW confirmed`,
        { userMessage: "환불 금액이 바뀌었어요. 화면을 새로고침해 금액을 다시 확인해 주세요." },
      );
    }
    await assertNoLiveCharge(tx, sub);

    const refundIds: string[] = [];
    for (const refund of planned.refunds) {
      const row = await recordRefundRequestIn(tx, {
        chargeAttemptId: refund.chargeAttemptId,
        amount: refund.amount,
        reason,
        actorUserId: input.userId,
        actorKind: "customer",
        now,
      });
      refundIds.push(row.id);
    }
    const history = {
      cancellation: input.kind,
      refundIds,
      refundAmount: amount,
      ...planned.details,
    };
    const ended = await applyTransition(
      tx,
      sub,
      { type: "cancel_requested", now, atPeriodEnd: false, reason: `customer: ${input.kind}` },
      formatActor(actor),
      history,
    );
    await enqueueNotification(tx, {
      kind: "subscription_canceled",
      data: {
        planName: await planNameFor(tx, sub.planId),
        atPeriodEnd: false,
        endsAt: now,
        refund: { kind: input.kind, amount, remainingDays: planned.remainingDays ?? null },
      },
      userId: sub.userId,
      subscriptionId: sub.id,
      dedupeKey: dedupeKeyFor("subscription_canceled", sub.id, now.getTime()),
      now,
    });
    await auditSubscriptionChange(tx, actor, {
      action: input.kind === "withdrawal" ? "subscription.withdraw" : "subscription.cancel_refund",
      before: sub,
      after: ended,
      extra: history,
    });
    return { sub: ended, refundIds, amount, alreadyDone: false };
  });

  if (!recorded.alreadyDone) {
    for (const refundId of recorded.refundIds) {
      try {
        await sendRecordedRefund(refundId, {
          actorUserId: input.userId,
          actorKind: "customer",
          now,
          ...(input.providerFor ? { providerFor: input.providerFor } : {}),
        });
      } catch (error) {
        // Recorded and committed: the billing run re-sends it with the same refundNo.
        console.error("[refunds] sending a customer's refund failed; the billing run retries it", {
          refundId,
          error,
        });
      }
    }
  }
  return {
    subscription: recorded.sub,
    kind: input.kind,
    amount: recorded.amount,
    refunds: await refundRows(recorded.refundIds),
    alreadyDone: recorded.alreadyDone,
  };
}

/** The refunds an earlier cancellation of this kind recorded, from the subscription's history. */
async function earlierCancellation(
  tx: Executor,
  subscriptionId: string,
  kind: CancellationKind,
): Promise<{ refundIds: string[]; amount: number } | null> {
  const [event] = await tx
    .select({ data: subscriptionEvents.data })
    .from(subscriptionEvents)
    .where(
      and(
        eq(subscriptionEvents.subscriptionId, subscriptionId),
        eq(subscriptionEvents.type, "cancel_requested"),
        eq(subscriptionEvents.toStatus, "canceled"),
      ),
    )
    .orderBy(desc(subscriptionEvents.createdAt))
    .limit(1);
  const data = cancellationHistory(event?.data);
  return data && data.cancellation === kind
    ? { refundIds: data.refundIds, amount: data.refundAmount }
    : null;
}

export type CancellationHistory = {
  cancellation: CancellationKind;
  refundIds: string[];
  refundAmount: number;
  remainingDays?: number;
};

/** The history entry's data, when it is one of these cancellations. */
export function cancellationHistory(data: unknown): CancellationHistory | null {
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.cancellation !== "withdrawal" && d.cancellation !== "prorated") return null;
  if (!Array.isArray(d.refundIds) || typeof d.refundAmount !== "number") return null;
  return {
    cancellation: d.cancellation,
    refundIds: d.refundIds.filter((id): id is string => typeof id === "string"),
    refundAmount: d.refundAmount,
    ...(typeof d.remainingDays === "number" ? { remainingDays: d.remainingDays } : {}),
  };
}

async function refundRows(ids: string[]): Promise<Refund[]> {
  if (ids.length === 0) return [];
  return db().select().from(refundsTable).where(inArray(refundsTable.id, ids));
}
