import { desc, eq } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { notifications, type Notification } from "@/lib/db/schema";

// Every notification stays readable where it matters, whether or not it was emailed: the
// customer's account page and the merchant's admin. Ids are arguments, never cookies.

export type NotificationSummary = Pick<
  Notification,
  "id" | "kind" | "subject" | "body" | "status" | "createdAt" | "sentAt" | "subscriptionId"
>;

const summaryColumns = {
  id: notifications.id,
  kind: notifications.kind,
  subject: notifications.subject,
  body: notifications.body,
  status: notifications.status,
  createdAt: notifications.createdAt,
  sentAt: notifications.sentAt,
  subscriptionId: notifications.subscriptionId,
};

/** The customer's notifications, newest first. */
export async function listNotificationsForUser(
  userId: string,
  options: { limit?: number } = {},
  executor: Executor = db(),
): Promise<NotificationSummary[]> {
  return executor
    .select(summaryColumns)
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt))
    .limit(options.limit ?? 50);
}
