import { eq } from "drizzle-orm";
import type { ActorString } from "@/lib/audit/actor";
import type { Executor } from "@/lib/db/client";
import { subscriptionEvents, subscriptions, type Subscription } from "@/lib/db/schema";
import {
  transition,
  type TransitionEvent,
  type TransitionResult,
} from "./subscription-transitions";

/**
 * Applies a state transition to a subscription row that the caller has locked (or just
 * read inside the same transaction) and records it in the subscription's history.
 * Returns the updated row.
 */
export async function applyTransition(
  tx: Executor,
  sub: Subscription,
  event: TransitionEvent,
  actor: ActorString,
  extraData: Record<string, unknown> = {},
): Promise<Subscription> {
  return applyChange(tx, sub, transition(sub, event), event.now, actor, extraData);
}

/**
 * Writes a computed transition (lib/billing/subscription-transitions.ts) and its history entry.
 * The two statements do not depend on each other, so they are sent together (postgres.js
 * pipelines them on the transaction's connection: one round trip instead of two).
 */
export async function applyChange(
  tx: Executor,
  sub: Subscription,
  change: TransitionResult,
  now: Date,
  actor: ActorString,
  extraData: Record<string, unknown> = {},
): Promise<Subscription> {
  const [[updated]] = await Promise.all([
    tx
      .update(subscriptions)
      .set(change.patch)
      .where(eq(subscriptions.id, sub.id))
      .returning({ id: subscriptions.id }),
    tx.insert(subscriptionEvents).values({
      subscriptionId: sub.id,
      type: change.type,
      fromStatus: change.from,
      toStatus: change.to,
      actor,
      data: { ...change.data, ...extraData },
      createdAt: now,
    }),
  ]);
  if (!updated) throw new Error(`subscription ${sub.id} vanished during ${change.type}`);
  // The row as written: the caller holds its lock, and the patch is all that changed.
  return { ...sub, ...change.patch };
}
