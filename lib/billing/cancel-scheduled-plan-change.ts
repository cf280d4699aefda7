import { db, type Executor } from "@/lib/db/client";
import type { Subscription } from "@/lib/db/schema";
import { findLiveSubscription, planChangeConflict } from "./plan-change-context";
import { recordPlanEvent } from "./record-plan-event";
import { updateSubscription } from "./update-subscription";

/** Drops the scheduled downgrade of a locked subscription (the customer changed their mind). */
export async function clearScheduledPlanChange(
  tx: Executor,
  sub: Subscription,
  actor: string,
  now: Date,
): Promise<Subscription> {
  const updated = await updateSubscription(tx, sub, { pendingPlanId: null }, now);
  await recordPlanEvent(
    tx,
    sub,
    "plan_change_canceled",
    actor,
    { toPlanId: sub.pendingPlanId },
    now,
  );
  return updated;
}

/** Cancels a scheduled downgrade before it takes effect. */
export async function cancelScheduledPlanChange(input: {
  userId: string;
  actor: string;
  now?: Date;
}): Promise<Subscription> {
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    const { sub } = await findLiveSubscription(tx, input.userId, { lock: true });
    if (!sub.pendingPlanId)
      throw planChangeConflict("no scheduled plan change", "예약된 요금제 변경이 없어요.");
    return clearScheduledPlanChange(tx, sub, input.actor, now);
  });
}
