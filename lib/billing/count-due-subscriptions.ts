import { and, count, inArray, isNotNull, lte } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { subscriptions } from "@/lib/db/schema";
import { DUE_STATUSES } from "./live-statuses";

/** Due subscriptions not yet charged for `now` (a run's backlog; the health figure). */
export async function countDueSubscriptions(now: Date): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(subscriptions)
    .where(
      and(
        inArray(subscriptions.status, [...DUE_STATUSES]),
        isNotNull(subscriptions.nextChargeAt),
        lte(subscriptions.nextChargeAt, now),
      ),
    );
  return row?.n ?? 0;
}
