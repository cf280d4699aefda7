import { and, eq, inArray } from "drizzle-orm";
import { adminActor, type SignedInAdmin } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { notifications, type Notification } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { deliverNotificationsSoon } from "./deliver-soon";

// The admin outbox's "다시 보내기": a notification that was given up on (`failed`: a permanent
// refusal or the retries used up) or never emailed (`skipped`: no SMTP_URL at the time) goes
// back into the outbox as if it were new — pending, attempts reset so the full backoff applies
// again, due now — and is delivered right after the response. The same row is sent, with the
// subject and body it was rendered with, so what the customer gets matches what admin shows.

export const RESENDABLE_STATUSES = [
  "failed",
  "skipped",
] as const satisfies Notification["status"][];

export function isResendable(status: Notification["status"]): boolean {
  return (RESENDABLE_STATUSES as readonly string[]).includes(status);
}

export type ResendResult = {
  notification: Notification;
  // False when SMTP_URL is unset: the row will be skipped again (and printed in development).
  emailConfigured: boolean;
};

export async function resendNotification(
  notificationId: string,
  actor: SignedInAdmin,
  now = new Date(),
): Promise<ResendResult> {
  const notification = await db().transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(notifications)
      .where(eq(notifications.id, notificationId))
      .for("update");
    if (!before) {
      throw new AppError("not_found", `Notification ${notificationId} does not exist.`, {
        userMessage: "알림을 찾을 수 없어요.",
      });
    }
    if (!isResendable(before.status)) {
      throw new AppError(
        "conflict",
        `Notification ${notificationId} is ${before.status}; only failed or skipped ones are re-sent.`,
        {
          userMessage:
            before.status === "sent"
              ? "이미 발송된 알림이에요."
              : "이미 발송을 기다리고 있는 알림이에요. 잠시 뒤 다시 확인해 주세요.",
        },
      );
    }
    const [after] = await tx
      .update(notifications)
      .set({ status: "pending", attempts: 0, sendAfter: now, lastError: null })
      .where(
        and(
          eq(notifications.id, notificationId),
          inArray(notifications.status, RESENDABLE_STATUSES),
        ),
      )
      .returning();
    if (!after) throw new Error(`notification ${notificationId} changed while locked`);
    await recordAudit(tx, {
      actor: adminActor(actor),
      action: "notification.resend",
      targetType: "notification",
      targetId: notificationId,
      before: { status: before.status, attempts: before.attempts, lastError: before.lastError },
      after: { status: after.status, attempts: after.attempts, sendAfter: now.toISOString() },
    });
    return after;
  });
  deliverNotificationsSoon();
  return { notification, emailConfigured: Boolean(getEnv().SMTP_URL) };
}
