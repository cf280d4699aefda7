import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import { auditSubscriptionChange } from "@/lib/subscriptions/lock-subscription";
import { actorString, asActor, type AdminActor } from "./admin-actor";

type NewEvent = typeof subscriptionEvents.$inferInsert;

/**
 * Saves an admin's change to the dates of a subscription locked by the caller (a free period, a
 * moved billing date): the patched row, the timeline event and the audit entry, in the
 * caller's transaction.
 */
export async function saveScheduleChange(
  tx: Executor,
  admin: AdminActor,
  sub: Subscription,
  change: {
    patch: Partial<Subscription>;
    now: Date;
    event: Pick<NewEvent, "type" | "data">;
    audit: { action: string; extra?: Record<string, unknown> };
  },
): Promise<Subscription> {
  const [updated] = await tx
    .update(subscriptions)
    .set({ ...change.patch, updatedAt: change.now })
    .where(eq(subscriptions.id, sub.id))
    .returning();
  if (!updated) throw new Error(`subscription ${sub.id} vanished`);
  await tx.insert(subscriptionEvents).values({
    ...change.event,
    subscriptionId: sub.id,
    actor: actorString(admin),
    createdAt: change.now,
  });
  await auditSubscriptionChange(tx, asActor(admin), {
    ...change.audit,
    before: sub,
    after: updated,
  });
  return updated;
}
