import type { Metadata } from "next";
import {
  adminList,
  AdminList,
  type Column,
  type ListPageProps,
} from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { CustomerLink, WhenCell } from "@/components/admin/list/row-parts";
import { ResendNotificationForm } from "@/components/admin/notifications/resend-notification-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import {
  listNotifications,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_STATUS_LABELS,
  parseNotificationListParams,
  type NotificationRow,
} from "@/lib/admin/notifications";
import { requireAdmin } from "@/lib/auth/guards";
import { notificationKind, notificationStatus, type Notification } from "@/lib/db/schema";
import { formatSeoulDateTime } from "@/lib/format";
import { isResendable } from "@/lib/notifications/resend-notification";
import { resendNotificationAction } from "./actions";
import { maskLinkTokens } from "@/lib/notifications/mask-link-tokens";

const STATUS_TONES: Record<Notification["status"], BadgeTone> = {
  pending: "info",
  sent: "success",
  failed: "danger",
  skipped: "neutral",
};

const COLUMNS: Column<NotificationRow>[] = [
  {
    header: "생성 일시",
    className: "whitespace-nowrap",
    cell: (row) => <WhenCell at={row.createdAt} />,
  },
  {
    header: "받는 사람",
    className: "max-w-56",
    cell: (row) => (
      <CustomerLink subscriptionId={row.subscriptionId} name={row.name} email={row.email} />
    ),
  },
  {
    header: "종류 · 제목",
    // min-w: on a phone the automatic layout would squeeze the subject to a word per line.
    className: "min-w-60 max-w-80",
    cell: (row) => (
      <>
        <p className="text-xs font-bold text-muted">{NOTIFICATION_KIND_LABELS[row.kind]}</p>
        <details>
          <summary className="cursor-pointer py-1">{row.subject}</summary>
          <p className="mt-2 whitespace-pre-line rounded-lg bg-surface-muted p-3 text-xs leading-relaxed">
            {maskLinkTokens(row.body)}
          </p>
        </details>
      </>
    ),
  },
  {
    header: "상태",
    cell: (row) => (
      <Badge tone={STATUS_TONES[row.status]}>{NOTIFICATION_STATUS_LABELS[row.status]}</Badge>
    ),
  },
  { header: "시도", numeric: true, cell: (row) => row.attempts },
  { header: "발송 · 오류", className: "max-w-72 text-sm", cell: (row) => <Delivery row={row} /> },
];

const LIST = adminList({
  path: "/admin/notifications",
  title: "알림 발송 내역",
  parse: parseNotificationListParams,
  load: listNotifications,
  view: {
    description:
      "고객에게 보냈거나 보낼 알림이에요. 실패한 메일은 잠시 뒤 자동으로 다시 보내고, 그래도 못 보낸 메일은 '다시 보내기'로 다시 보낼 수 있어요.",
    filters: [
      filter.select(
        "status",
        "발송 상태",
        filter.options(notificationStatus.enumValues, NOTIFICATION_STATUS_LABELS),
      ),
      filter.select(
        "kind",
        "종류",
        filter.options(notificationKind.enumValues, NOTIFICATION_KIND_LABELS),
      ),
      filter.dateRange,
      filter.text("q", "받는 사람 이메일 · 이름", { type: "search", className: "col-span-2" }),
    ],
    listLabel: "알림 발송 내역",
    pageLabel: "알림 내역 페이지",
    layout: { kind: "table", columns: COLUMNS, minWidth: "min-w-[56rem]" },
    empty: { title: "아직 보낸 알림이 없어요" },
    emptyFiltered: { title: "조건에 맞는 알림이 없어요" },
  },
});

export const metadata: Metadata = { title: LIST.title };

export default async function NotificationsPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

function Delivery({ row }: { row: NotificationRow }) {
  return (
    <>
      {row.sentAt ? (
        <p className="whitespace-nowrap">{formatSeoulDateTime(row.sentAt)} 발송</p>
      ) : row.status === "pending" ? (
        <p className="whitespace-nowrap text-muted">
          {formatSeoulDateTime(row.sendAfter)} 이후 발송
        </p>
      ) : null}
      {row.lastError && <p className="break-words text-xs text-danger">{row.lastError}</p>}
      {isResendable(row.status) && (
        <ResendNotificationForm
          notificationId={row.id}
          subject={row.subject}
          action={resendNotificationAction}
        />
      )}
    </>
  );
}
