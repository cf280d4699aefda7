import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptions, type Subscription } from "@/lib/db/schema";

/**
 * Sets the plan a locked subscription moves to at its period end (a scheduled downgrade or
 * interval change), or with null drops it. Returns the updated row.
 */
export async function setPendingPlan(
  tx: Executor,
  sub: Subscription,
  pendingPlanId: string | null,
  now: Date,
): Promise<Subscription> {
  const [updated] = await tx
    .update(subscriptions)
    .set({ pendingPlanId, updatedAt: now })
    .where(eq(subscriptions.id, sub.id))
    .returning();
  return updated ?? sub;
}
