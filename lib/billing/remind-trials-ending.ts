import { and, eq, notExists, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { notifications, plans, subscriptions } from "@/lib/db/schema";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { consentsOf } from "./consent-history";
import { continuingAndDueBetween } from "./continuing-due-between";

const DAY_MS = 24 * 60 * 60 * 1000;
// The trial_ending reminder goes out this long before the trial ends.
export const TRIAL_REMINDER_DAYS = 3;

function trialReminderKey(subscriptionId: string, trialEnd: Date): string {
  return dedupeKeyFor("trial_ending", subscriptionId, trialEnd.getTime());
}

/** Queues the trial_ending reminder for trials ending within TRIAL_REMINDER_DAYS, once each. */
export async function remindTrialsEnding(
  now: Date,
  options: { planFilter: ReturnType<typeof eq> | undefined; limit: number },
): Promise<number> {
  const due = await db()
    .select({ sub: subscriptions, plan: plans })
    .from(subscriptions)
    .innerJoin(plans, eq(plans.id, subscriptions.planId))
    .where(
      and(
        continuingAndDueBetween(
          "trialing",
          subscriptions.trialEnd,
          now,
          new Date(now.getTime() + TRIAL_REMINDER_DAYS * DAY_MS),
        ),
        options.planFilter,
        notExists(
          db()
            .select({ one: sql`1` })
            .from(notifications)
            .where(
              eq(
                notifications.dedupeKey,
                sql`'trial_ending:' || ${subscriptions.id} || ':' || (extract(epoch from ${subscriptions.trialEnd}) * 1000)::bigint`,
              ),
            ),
        ),
      ),
    )
    .limit(options.limit);

  let queued = 0;
  for (const { sub, plan } of due) {
    if (!sub.trialEnd) continue;
    const trialEnd = sub.trialEnd;
    const row = await db().transaction(async (tx) => {
      const accepted = (await consentsOf(tx, sub.id, "trial_conversion")).some(
        (c) => c.status === "accepted" && c.newAmount >= sub.priceAmount,
      );
      return enqueueNotification(tx, {
        kind: "trial_ending",
        data: {
          planName: plan.name,
          trialEnd,
          interval: plan.interval,
          intervalCount: plan.intervalCount,
          amount: sub.priceAmount,
          willConvert: accepted,
        },
        userId: sub.userId,
        subscriptionId: sub.id,
        dedupeKey: trialReminderKey(sub.id, trialEnd),
        now,
      });
    });
    if (row) queued += 1;
  }
  return queued;
}
