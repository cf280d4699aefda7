import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptions, type Subscription } from "@/lib/db/schema";

/**
 * Writes `patch` to a subscription the caller has locked, stamping updatedAt, and returns the
 * row as written. A locked row cannot vanish; if it has, something deleted it under the lock.
 */
export async function updateSubscription(
  tx: Executor,
  sub: Subscription,
  patch: Partial<Omit<Subscription, "id" | "updatedAt">>,
  now: Date,
): Promise<Subscription> {
  const [updated] = await tx
    .update(subscriptions)
    .set({ ...patch, updatedAt: now })
    .where(eq(subscriptions.id, sub.id))
    .returning();
  if (!updated) throw new Error(`subscription ${sub.id} vanished`);
  return updated;
}
