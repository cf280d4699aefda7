import { and, desc, eq, inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, plans, refunds, subscriptionEvents, subscriptions } from "@/lib/db/schema";
import { cancellationHistory, type CancellationKind } from "./cancel-with-refund";

export type CancellationResult = {
  kind: CancellationKind;
  planName: string;
  endedAt: Date;
  amount: number; // KRW asked back
  remainingDays: number | null;
  refunds: {
    id: string;
    refundNo: string;
    orderId: string;
    amount: number; // KRW
    status: "pending" | "unknown" | "succeeded" | "failed";
  }[];
};

/**
 * The customer's latest subscription, when it ended by their 청약철회 or cancel-now refund: what
 * /account/cancel shows after they confirm (and on any later visit), with each refund as it
 * stands now.
 */
export async function latestCancellationResult(userId: string): Promise<CancellationResult | null> {
  const [latest] = await db()
    .select({ sub: subscriptions, planName: plans.name })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(eq(subscriptions.userId, userId))
    .orderBy(desc(subscriptions.createdAt))
    .limit(1);
  if (!latest || latest.sub.status !== "canceled") return null;
  const [event] = await db()
    .select({ data: subscriptionEvents.data })
    .from(subscriptionEvents)
    .where(
      and(
        eq(subscriptionEvents.subscriptionId, latest.sub.id),
        eq(subscriptionEvents.type, "cancel_requested"),
        eq(subscriptionEvents.toStatus, "canceled"),
      ),
    )
    .orderBy(desc(subscriptionEvents.createdAt))
    .limit(1);
  const history = cancellationHistory(event?.data);
  if (!history) return null;
  const rows =
    history.refundIds.length === 0
      ? []
      : await db()
          .select({
            id: refunds.id,
            refundNo: refunds.refundNo,
            orderId: chargeAttempts.orderId,
            amount: refunds.amount,
            status: refunds.status,
          })
          .from(refunds)
          .innerJoin(chargeAttempts, eq(chargeAttempts.id, refunds.chargeAttemptId))
          .where(inArray(refunds.id, history.refundIds))
          .orderBy(refunds.createdAt);
  return {
    kind: history.cancellation,
    planName: latest.planName,
    endedAt: latest.sub.endedAt ?? latest.sub.updatedAt,
    amount: history.refundAmount,
    remainingDays: history.remainingDays ?? null,
    refunds: rows,
  };
}
