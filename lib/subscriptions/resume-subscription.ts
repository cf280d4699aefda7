import { formatActor, type Actor } from "@/lib/audit/actor";
import { applyTransition } from "@/lib/billing/apply-transition";
import type { Subscription } from "@/lib/db/schema";
import { withLockedSubscription } from "./lock-subscription";

/** The customer takes back their cancellation at period end; recorded with its actor. */
export async function resumeSubscription(input: {
  userId: string;
  actor: Actor;
  now?: Date;
}): Promise<Subscription> {
  const now = input.now ?? new Date();
  return withLockedSubscription({ userId: input.userId }, (tx, sub) =>
    applyTransition(tx, sub, { type: "resumed", now }, formatActor(input.actor)),
  );
}
