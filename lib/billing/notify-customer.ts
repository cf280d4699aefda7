import type { Executor } from "@/lib/db/client";
import {
  dedupeKeyFor,
  enqueueNotification,
  enqueueNotifications,
} from "@/lib/notifications/enqueue-notification";
import type { NotificationContent, TemplateContext } from "@/lib/notifications/templates";

export type { EndReason } from "@/lib/notifications/templates";

// The billing engine's single call site into the notifications outbox (lib/notifications).
// Every notice is written inside the transaction that makes the change it reports, with a
// dedupe key derived from what caused it, so a re-run or a retried step never notifies twice.

export type BillingNotice = Extract<
  NotificationContent,
  {
    kind:
      "receipt" | "payment_failed" | "payment_recovered" | "action_required" | "subscription_ended";
  }
>;

export type NotifyInput = BillingNotice & {
  userId: string;
  subscriptionId: string;
  // From durable state: "<kind>:<attempt id>", "<kind>:<subscription id>:<period>".
  dedupeKey: string;
  // The run's clock.
  now: Date;
};

export async function notifyCustomer(tx: Executor, input: NotifyInput): Promise<void> {
  await enqueueNotification(tx, input);
}

/**
 * notifyCustomer for several notices in one statement (a group commit's receipts), with the
 * template context the run read at its start when given.
 */
export async function notifyCustomers(
  tx: Executor,
  inputs: NotifyInput[],
  context?: TemplateContext,
): Promise<void> {
  await enqueueNotifications(tx, inputs, context);
}

/** "receipt:<attempt id>": one notification per cause. */
export function noticeKey(kind: BillingNotice["kind"], ...cause: (string | number)[]): string {
  return dedupeKeyFor(kind, ...cause);
}
