import { and, eq, sql, type Column } from "drizzle-orm";
import { chargeAttempts } from "@/lib/db/schema";

/**
 * SQL: a charge attempt whose outcome is not known yet (pending: not answered; unknown: sent,
 * answer lost). Money may be moving for it, so nothing may assume it failed or succeeded.
 */
export function isLiveAttempt() {
  // Literals, not parameters: the settle statements that use it then need none (see
  // lib/db/json-rows.ts for why that matters).
  return sql`${chargeAttempts.status} in ('pending', 'unknown')`;
}

/** SQL: a live attempt of the subscription `subscriptionId` (an id, or an outer query's column). */
export function liveAttemptOf(subscriptionId: string | Column) {
  return and(eq(chargeAttempts.subscriptionId, subscriptionId), isLiveAttempt());
}
