import type { Metadata } from "next";
import Link from "next/link";
import {
  FilterField,
  FilterForm,
  FilterInput,
  FilterSelect,
} from "@/components/admin/list/filter-form";
import { Pagination } from "@/components/admin/list/pagination";
import { ResendNotificationForm } from "@/components/admin/notifications/resend-notification-form";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RawSearchParams } from "@/lib/admin/list/search-params";
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

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "알림 발송 내역" };

const PATH = "/admin/notifications";

const STATUS_TONES: Record<Notification["status"], BadgeTone> = {
  pending: "info",
  sent: "success",
  failed: "danger",
  skipped: "neutral",
};

export default async function NotificationsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requireAdmin({ callbackUrl: PATH });
  const params = parseNotificationListParams(await searchParams);
  const result = await listNotifications(params);
  const filtered = Boolean(params.status || params.kind || params.from || params.to || params.q);

  return (
    <div className="space-y-6">
      <PageHeader
        title="알림 발송 내역"
        description="고객에게 보냈거나 보낼 알림이에요. 실패한 메일은 잠시 뒤 자동으로 다시 보내고, 그래도 못 보낸 메일은 '다시 보내기'로 다시 보낼 수 있어요."
      />

      <FilterForm path={PATH} keep={{ pageSize: params.pageSize }}>
        <FilterField label="발송 상태" htmlFor="n-status">
          <FilterSelect
            id="n-status"
            name="status"
            value={params.status}
            options={notificationStatus.enumValues.map((s) => ({
              value: s,
              label: NOTIFICATION_STATUS_LABELS[s],
            }))}
          />
        </FilterField>
        <FilterField label="종류" htmlFor="n-kind">
          <FilterSelect
            id="n-kind"
            name="kind"
            value={params.kind}
            options={notificationKind.enumValues.map((k) => ({
              value: k,
              label: NOTIFICATION_KIND_LABELS[k],
            }))}
          />
        </FilterField>
        <FilterField label="시작일 (한국 시간)" htmlFor="n-from" wide>
          <FilterInput id="n-from" name="from" type="date" value={params.from} />
        </FilterField>
        <FilterField label="종료일 (한국 시간)" htmlFor="n-to" wide>
          <FilterInput id="n-to" name="to" type="date" value={params.to} />
        </FilterField>
        <FilterField label="받는 사람 이메일 · 이름" htmlFor="n-q" className="col-span-2">
          <FilterInput id="n-q" name="q" type="search" value={params.q} />
        </FilterField>
      </FilterForm>

      {result.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "조건에 맞는 알림이 없어요" : "아직 보낸 알림이 없어요"}
          description={filtered ? "검색어나 필터를 바꿔 보세요." : undefined}
        />
      ) : (
        <Table caption="알림 발송 내역" captionHidden tableClassName="min-w-[56rem]">
          <THead>
            <TR>
              <TH>생성 일시</TH>
              <TH>받는 사람</TH>
              <TH>종류 · 제목</TH>
              <TH>상태</TH>
              <TH className="text-right">시도</TH>
              <TH>발송 · 오류</TH>
            </TR>
          </THead>
          <TBody>
            {result.rows.map((row) => (
              <NotificationTableRow key={row.id} row={row} />
            ))}
          </TBody>
        </Table>
      )}

      <Pagination page={result} path={PATH} params={params} label="알림 내역 페이지" />
    </div>
  );
}

function NotificationTableRow({ row }: { row: NotificationRow }) {
  return (
    <TR>
      <TD className="whitespace-nowrap">
        <time dateTime={row.createdAt.toISOString()}>{formatSeoulDateTime(row.createdAt)}</time>
      </TD>
      <TD className="max-w-56">
        {row.subscriptionId ? (
          <Link
            href={`/admin/subscribers/${row.subscriptionId}`}
            className="font-bold text-primary hover:underline"
          >
            {row.name ?? row.email}
          </Link>
        ) : (
          <span className="font-bold">{row.name ?? row.email}</span>
        )}
        {row.name && <p className="truncate text-xs text-muted">{row.email}</p>}
      </TD>
      {/* min-w: on a phone the automatic layout would squeeze the subject to a word per line. */}
      <TD className="min-w-60 max-w-80">
        <p className="text-xs font-bold text-muted">{NOTIFICATION_KIND_LABELS[row.kind]}</p>
        <details>
          <summary className="cursor-pointer py-1">{row.subject}</summary>
          <p className="mt-2 whitespace-pre-line rounded-lg bg-surface-muted p-3 text-xs leading-relaxed">
            {row.body}
          </p>
        </details>
      </TD>
      <TD>
        <Badge tone={STATUS_TONES[row.status]}>{NOTIFICATION_STATUS_LABELS[row.status]}</Badge>
      </TD>
      <TD className="text-right tabular-nums">{row.attempts}</TD>
      <TD className="max-w-72 text-sm">
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
      </TD>
    </TR>
  );
}
