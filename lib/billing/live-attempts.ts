import { and, eq, inArray, type Column } from "drizzle-orm";
import { chargeAttempts } from "@/lib/db/schema";

/**
 * SQL: a charge attempt whose outcome is not known yet (pending: not answered; unknown: sent,
 * answer lost). Money may be moving for it, so nothing may assume it failed or succeeded.
 */
export function isLiveAttempt() {
  return inArray(chargeAttempts.status, ["pending", "unknown"]);
}

/** SQL: a live attempt of the subscription `subscriptionId` (an id, or an outer query's column). */
export function liveAttemptOf(subscriptionId: string | Column) {
  return and(eq(chargeAttempts.subscriptionId, subscriptionId), isLiveAttempt());
}
