import { and, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import {
  notificationKind,
  notifications,
  notificationStatus,
  users,
  type Notification,
} from "@/lib/db/schema";
import { listParamsParser, optionalEnum, optionalText, seoulDateRange } from "./list/search-params";
import { containsPattern, type ListRow, pagedList, withinSeoulDays } from "./list/page-ids";

// The notification outbox as the merchant sees it: what was (or will be) sent to whom, and
// whether delivery worked. Newest first.

export const NOTIFICATION_KIND_LABELS: Record<Notification["kind"], string> = {
  payment_method_linked: "결제수단 등록",
  receipt: "결제 영수증",
  payment_failed: "결제 실패",
  payment_recovered: "결제 복구",
  action_required: "조치 필요",
  trial_ending: "체험 종료 예정",
  consent_request: "동의 요청",
  subscription_canceled: "해지 접수",
  subscription_ended: "구독 종료",
  refund_issued: "환불 완료",
  email_verification: "이메일 확인",
  sign_up_attempt: "가입 시도 알림",
  payment_method_removal_reported: "결제수단 해지 알림",
  password_reset: "비밀번호 재설정",
  email_change_verification: "이메일 변경 확인",
  email_change_notice: "이메일 변경 알림",
};

export const NOTIFICATION_STATUS_LABELS: Record<Notification["status"], string> = {
  pending: "발송 대기",
  sent: "발송됨",
  failed: "발송 실패",
  // deliver-notifications.ts: no SMTP_URL configured; kept for the account page and admin.
  skipped: "메일 미발송",
};

export const parseNotificationListParams = listParamsParser({
  status: optionalEnum(notificationStatus.enumValues),
  kind: optionalEnum(notificationKind.enumValues),
  // Part of the recipient's email or name.
  q: optionalText,
  ...seoulDateRange,
});

export type NotificationListParams = ReturnType<typeof parseNotificationListParams>;

export type NotificationRow = ListRow<typeof listNotifications>;

function notificationConditions(params: NotificationListParams): SQL | undefined {
  const n = notifications;
  let search: SQL | undefined;
  if (params.q) {
    const like = containsPattern(params.q);
    search = sql`exists (select 1 from ${users} where ${users.id} = ${n.userId}
      and (${or(ilike(users.email, like), ilike(users.name, like))}))`;
  }
  return and(
    params.status ? eq(n.status, params.status) : undefined,
    params.kind ? eq(n.kind, params.kind) : undefined,
    ...withinSeoulDays(n.createdAt, params),
    search,
  );
}

export const listNotifications = pagedList({
  table: notifications,
  newestFirst: notifications.createdAt,
  where: notificationConditions,
  select: (executor) =>
    executor
      .select({
        id: notifications.id,
        kind: notifications.kind,
        channel: notifications.channel,
        subject: notifications.subject,
        body: notifications.body,
        status: notifications.status,
        attempts: notifications.attempts,
        lastError: notifications.lastError,
        sendAfter: notifications.sendAfter,
        sentAt: notifications.sentAt,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
        subscriptionId: notifications.subscriptionId,
        // Where it was sent: a new address being confirmed, else the customer's own.
        email: sql<string>`coalesce(${notifications.recipient}, ${users.email})`,
        name: users.name,
      })
      .from(notifications)
      .innerJoin(users, eq(users.id, notifications.userId))
      .$dynamic(),
});
