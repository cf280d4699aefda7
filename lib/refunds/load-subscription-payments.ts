import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { chargeAttempts, refunds, type ChargeAttempt } from "@/lib/db/schema";

export type SubscriptionPayments = {
  charges: ChargeAttempt[];
  // Charges with a pending or unknown refund: no second refund starts beside it.
  chargesWithLiveRefund: Set<string>;
};

/**
 * Every charge attempt of a subscription and which of them have a refund in flight: what the
 * 청약철회 and cancel-now decisions read. `lock` takes the succeeded charges' row locks (the lock
 * every refund takes), for a caller that goes on to record refunds in the same transaction.
 */
export async function loadSubscriptionPayments(
  executor: Executor,
  subscriptionId: string,
  options: { lock?: boolean } = {},
): Promise<SubscriptionPayments> {
  const base = executor
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.subscriptionId, subscriptionId))
    .orderBy(asc(chargeAttempts.createdAt), asc(chargeAttempts.id));
  const charges = options.lock ? await base.for("update") : await base;
  const ids = charges.filter((c) => c.status === "succeeded").map((c) => c.id);
  const live =
    ids.length === 0
      ? []
      : await executor
          .select({ chargeAttemptId: refunds.chargeAttemptId })
          .from(refunds)
          .where(
            and(
              inArray(refunds.chargeAttemptId, ids),
              inArray(refunds.status, ["pending", "unknown"]),
            ),
          );
  return { charges, chargesWithLiveRefund: new Set(live.map((r) => r.chargeAttemptId)) };
}
