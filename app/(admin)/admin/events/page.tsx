import type { Metadata } from "next";
import { JsonView } from "@/components/admin/events/json-view";
import { ReprocessEventForm } from "@/components/admin/events/reprocess-event-form";
import { adminList, AdminList, type ListPageProps } from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PROVIDER_LABELS } from "@/lib/admin/charges";
import {
  EVENT_STATE_LABELS,
  EVENT_STATES,
  eventStateOf,
  KNOWN_EVENT_TYPES,
  listProviderEvents,
  parseEventListParams,
  type EventRow,
  type EventState,
} from "@/lib/admin/events";
import { requireAdmin } from "@/lib/auth/guards";
import { paymentProvider } from "@/lib/db/schema";
import { formatSeoulDateTime } from "@/lib/format";
import { reprocessEventAction } from "./actions";

const STATE_TONES: Record<EventState, BadgeTone> = {
  processed: "success",
  unprocessed: "warning",
  error: "danger",
  rejected: "neutral",
};

const LIST = adminList({
  path: "/admin/events",
  title: "결제사 이벤트",
  parse: parseEventListParams,
  load: listProviderEvents,
  view: {
    description:
      "결제사가 보낸 모든 콜백과 웹훅을 받은 그대로 보여 줘요. 토스페이 콜백은 서명이 없어서 결제사에 다시 확인한 뒤에만 반영해요.",
    filters: [
      filter.select(
        "provider",
        "결제사",
        filter.options(paymentProvider.enumValues, PROVIDER_LABELS),
      ),
      filter.text("type", "이벤트 종류", {
        suggestions: KNOWN_EVENT_TYPES.map((value) => ({ value })),
      }),
      filter.select("verified", "검증", [
        { value: "yes", label: "검증됨" },
        { value: "no", label: "검증 안 됨" },
      ]),
      filter.select("state", "처리 상태", filter.options(EVENT_STATES, EVENT_STATE_LABELS)),
      filter.dateRange,
    ],
    listLabel: "결제사 이벤트 목록",
    pageLabel: "이벤트 페이지",
    layout: { kind: "cards", card: (row) => <EventCard row={row} /> },
    empty: { title: "조건에 맞는 이벤트가 없어요" },
  },
});

export const metadata: Metadata = { title: LIST.title };

export default async function EventsPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

function EventCard({ row }: { row: EventRow }) {
  const state = eventStateOf(row);
  return (
    <Card className="space-y-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 space-y-1">
          <h2 className="flex flex-wrap items-center gap-2 font-bold">
            <span className="font-mono">{row.eventType}</span>
            <span className="text-sm font-normal text-muted">{PROVIDER_LABELS[row.provider]}</span>
          </h2>
          <div className="flex flex-wrap gap-2">
            <Badge tone={STATE_TONES[state]}>{EVENT_STATE_LABELS[state]}</Badge>
            <Badge tone={row.verified ? "success" : "warning"}>
              {row.verified ? "검증됨" : "검증 안 됨"}
            </Badge>
            {row.deliveries > 1 && <Badge tone="info">{row.deliveries}번 수신</Badge>}
          </div>
        </div>
        {state !== "rejected" && (
          <ReprocessEventForm eventId={row.id} action={reprocessEventAction} />
        )}
      </div>

      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">결과</dt>
        <dd className="break-words">{row.outcome ?? "—"}</dd>
        {row.error && (
          <>
            <dt className="text-muted">오류</dt>
            <dd className="break-words text-danger">{row.error}</dd>
          </>
        )}
        <dt className="text-muted">처음 받은 시각</dt>
        <dd>
          <time dateTime={row.receivedAt.toISOString()}>{formatSeoulDateTime(row.receivedAt)}</time>
          {row.deliveries > 1 && (
            <span className="text-muted"> · 마지막 {formatSeoulDateTime(row.lastReceivedAt)}</span>
          )}
        </dd>
        <dt className="text-muted">처리한 시각</dt>
        <dd>{row.processedAt ? formatSeoulDateTime(row.processedAt) : "아직 처리 전"}</dd>
        <dt className="text-muted">중복 확인 키</dt>
        <dd className="break-all font-mono text-xs">{row.dedupeKey}</dd>
        {row.sourceIp && (
          <>
            <dt className="text-muted">보낸 곳</dt>
            <dd className="font-mono text-xs">{row.sourceIp}</dd>
          </>
        )}
      </dl>

      <details className="group rounded-lg border border-border">
        <summary className="flex min-h-touch cursor-pointer items-center px-3 text-sm font-bold">
          원본 내용 보기
        </summary>
        <div className="space-y-3 border-t border-border p-3">
          <JsonView value={row.payload} />
          {Object.keys(row.headers).length > 0 && (
            <>
              <p className="text-sm font-bold">헤더</p>
              <JsonView value={row.headers} />
            </>
          )}
        </div>
      </details>
    </Card>
  );
}
