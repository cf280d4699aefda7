import type { Metadata } from "next";
import { EventDetails } from "@/components/admin/events/event-details";
import { adminList, AdminList, type ListPageProps } from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { PROVIDER_LABELS } from "@/lib/admin/charges";
import { EVENT_TYPE_OPTIONS, eventTypeLabel, outcomeLabel } from "@/lib/admin/event-labels";
import {
  EVENT_STATE_LABELS,
  EVENT_STATES,
  eventStateOf,
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
      filter.select("type", "이벤트 종류", EVENT_TYPE_OPTIONS),
      filter.select("verified", "검증", [
        { value: "yes", label: "검증됨" },
        { value: "no", label: "검증 안 됨" },
      ]),
      filter.select("state", "처리 상태", filter.options(EVENT_STATES, EVENT_STATE_LABELS)),
      filter.dateRange,
    ],
    listLabel: "결제사 이벤트 목록",
    pageLabel: "이벤트 페이지",
    layout: {
      kind: "responsive",
      card: (row) => <EventCard row={row} />,
      // Fixed columns: an opened row's details stay inside the 결과 column instead of
      // stretching the table sideways.
      minWidth: "table-fixed",
      columns: [
        {
          header: "시각",
          headerClassName: "w-44",
          className: "!align-top text-xs tabular-nums",
          cell: (row) => <ReceivedAt row={row} />,
        },
        {
          header: "종류",
          headerClassName: "w-44",
          className: "!align-top",
          cell: (row) => <EventKind row={row} />,
        },
        {
          header: "결과",
          className: "!align-top",
          cell: (row) => <EventResult row={row} />,
        },
        {
          header: "상태",
          headerClassName: "w-32",
          className: "!align-top",
          cell: (row) => <EventBadges row={row} />,
        },
      ],
    },
    empty: { title: "조건에 맞는 이벤트가 없어요" },
  },
});

export const metadata: Metadata = { title: LIST.title };

export default async function EventsPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

function ReceivedAt({ row }: { row: EventRow }) {
  return (
    <time dateTime={row.receivedAt.toISOString()} className="whitespace-nowrap">
      {formatSeoulDateTime(row.receivedAt)}
    </time>
  );
}

function EventKind({ row }: { row: EventRow }) {
  const label = eventTypeLabel(row.eventType);
  return (
    <>
      <p className="font-bold">{label}</p>
      <p className="text-xs text-muted">
        {PROVIDER_LABELS[row.provider]}
        {label !== row.eventType && (
          <>
            {" "}
            · <span className="font-mono">{row.eventType}</span>
          </>
        )}
      </p>
    </>
  );
}

/** The Korean result, with the raw record (and 다시 처리) folded under it. */
function EventResult({ row }: { row: EventRow }) {
  const outcome = outcomeLabel(row.outcome);
  return (
    <EventDetails
      row={row}
      reprocess={eventStateOf(row) === "rejected" ? undefined : reprocessEventAction}
      summary={
        <span className={outcome?.known === false ? "break-all font-mono text-xs" : undefined}>
          {outcome?.text ?? "아직 처리 전"}
        </span>
      }
    />
  );
}

function EventBadges({ row }: { row: EventRow }) {
  const state = eventStateOf(row);
  return (
    <div className="flex flex-wrap gap-1.5">
      <Badge tone={STATE_TONES[state]}>{EVENT_STATE_LABELS[state]}</Badge>
      {!row.verified && state !== "rejected" && <Badge tone="warning">검증 안 됨</Badge>}
      {row.deliveries > 1 && <Badge tone="info">{row.deliveries}번 수신</Badge>}
    </div>
  );
}

function EventCard({ row }: { row: EventRow }) {
  return (
    <Card className="space-y-1 p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <EventKind row={row} />
        </div>
        <EventBadges row={row} />
      </div>
      <p className="text-xs text-muted">
        <ReceivedAt row={row} />
      </p>
      <EventResult row={row} />
    </Card>
  );
}
