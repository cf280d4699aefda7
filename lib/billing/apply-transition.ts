import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import { transition, type TransitionEvent } from "./subscription-transitions";

/**
 * Applies a state transition to a subscription row that the caller has locked (or just
 * read inside the same transaction) and records it in the subscription's history.
 * Returns the updated row.
 */
export async function applyTransition(
  tx: Executor,
  sub: Subscription,
  event: TransitionEvent,
  actor: string,
  extraData: Record<string, unknown> = {},
): Promise<Subscription> {
  const change = transition(sub, event);
  const [updated] = await tx
    .update(subscriptions)
    .set(change.patch)
    .where(eq(subscriptions.id, sub.id))
    .returning();
  if (!updated) throw new Error(`subscription ${sub.id} vanished during ${event.type}`);
  await tx.insert(subscriptionEvents).values({
    subscriptionId: sub.id,
    type: change.type,
    fromStatus: change.from,
    toStatus: change.to,
    actor,
    data: { ...change.data, ...extraData },
    createdAt: event.now,
  });
  return updated;
}
