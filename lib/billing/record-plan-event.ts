import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, type Subscription, type SubscriptionEventType } from "@/lib/db/schema";

/** Writes one entry of the subscription's timeline (what the customer or admin did, and why). */
export async function recordPlanEvent(
  tx: Executor,
  sub: Pick<Subscription, "id">,
  type: SubscriptionEventType,
  actor: string,
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await tx
    .insert(subscriptionEvents)
    .values({ subscriptionId: sub.id, type, actor, data, createdAt: now });
}
