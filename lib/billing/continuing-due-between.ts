import { and, eq, gt, lte, type Column } from "drizzle-orm";
import { subscriptions, type SubscriptionStatus } from "@/lib/db/schema";

/**
 * SQL: a subscription in `status` that is going to continue (not cancelling at its period end)
 * and whose `at` (the renewal, or the trial's end) falls after `from` and no later than `until`.
 * The candidate filter of the cron's consent requests and trial reminders; the locked-row
 * decisions in needs-consent-request.ts have the last word.
 */
export function continuingAndDueBetween(
  status: SubscriptionStatus,
  at: Column,
  from: Date,
  until: Date,
) {
  return and(
    eq(subscriptions.status, status),
    eq(subscriptions.cancelAtPeriodEnd, false),
    gt(at, from),
    lte(at, until),
  );
}
