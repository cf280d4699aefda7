import { and, desc, eq, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { notifications, users, type Notification } from "@/lib/db/schema";

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

export type AdminNotificationRow = NotificationSummary & {
  userId: string;
  email: string;
  attempts: number;
  lastError: string | null;
};

/** Recent notifications across customers for admin, optionally by status (e.g. failed). */
export async function listRecentNotifications(
  options: { limit?: number; status?: Notification["status"]; userId?: string } = {},
  executor: Executor = db(),
): Promise<AdminNotificationRow[]> {
  const filters: SQL[] = [];
  if (options.status) filters.push(eq(notifications.status, options.status));
  if (options.userId) filters.push(eq(notifications.userId, options.userId));
  return executor
    .select({
      ...summaryColumns,
      userId: notifications.userId,
      email: users.email,
      attempts: notifications.attempts,
      lastError: notifications.lastError,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(and(...filters))
    .orderBy(desc(notifications.createdAt))
    .limit(options.limit ?? 100);
}
