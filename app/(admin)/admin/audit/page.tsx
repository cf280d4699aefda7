import type { Metadata } from "next";
import Link from "next/link";
import { AuditDiffTable } from "@/components/admin/audit/audit-diff-table";
import { DisclosureChevron } from "@/components/admin/list/disclosure-chevron";
import { adminList, AdminList, type ListPageProps } from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { Card } from "@/components/ui/card";
import {
  AUDIT_ACTION_LABELS,
  AUDIT_TARGET_LABELS,
  auditTargetLabel,
  KNOWN_TARGET_TYPES,
  listAuditLog,
  parseAuditListParams,
  type AuditRow,
} from "@/lib/admin/audit";
import { auditSummary } from "@/lib/admin/audit-fields";
import { listHref } from "@/lib/admin/list/search-params";
import { requireAdmin } from "@/lib/auth/guards";
import { formatSeoulDateTime } from "@/lib/format";

const LIST = adminList({
  path: "/admin/audit",
  title: "감사 로그",
  parse: parseAuditListParams,
  load: listAuditLog,
  view: {
    description: "관리자가 한 모든 변경을 누가, 언제, 무엇을, 어떻게 바꿨는지와 함께 보여 줘요.",
    filters: [
      filter.text("actor", "관리자 이메일 · 이름", { type: "search", wide: true }),
      filter.select(
        "action",
        "작업",
        Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label })),
      ),
      filter.select(
        "targetType",
        "대상 종류",
        filter.options(KNOWN_TARGET_TYPES, AUDIT_TARGET_LABELS),
      ),
      filter.text("targetId", "대상 ID"),
      filter.dateRange,
    ],
    listLabel: "감사 로그 목록",
    pageLabel: "감사 로그 페이지",
    layout: {
      kind: "responsive",
      card: (row) => <AuditCard row={row} />,
      // Fixed columns: an opened entry's diff stays inside 변경 요약.
      minWidth: "table-fixed",
      columns: [
        {
          header: "시각",
          headerClassName: "w-44",
          className: "!align-top text-xs tabular-nums",
          cell: (row) => <When row={row} />,
        },
        {
          header: "작업",
          headerClassName: "w-40",
          className: "!align-top font-bold",
          cell: (row) => <ActionName row={row} />,
        },
        {
          header: "관리자",
          headerClassName: "w-36",
          className: "!align-top",
          cell: (row) => <Who row={row} />,
        },
        {
          header: "대상",
          headerClassName: "w-28",
          className: "!align-top",
          cell: (row) => <Target row={row} />,
        },
        { header: "변경 요약", className: "!align-top", cell: (row) => <Changes row={row} /> },
      ],
    },
    empty: {
      title: "아직 기록이 없어요",
      description: "요금제, 구독, 환불, 설정을 바꾸면 여기에 남아요.",
    },
    emptyFiltered: {
      title: "조건에 맞는 기록이 없어요",
      description: "검색어나 기간을 바꿔 보세요.",
    },
  },
});

export const metadata: Metadata = { title: LIST.title };

export default async function AuditLogPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

function When({ row }: { row: AuditRow }) {
  return (
    <time dateTime={row.createdAt.toISOString()} className="whitespace-nowrap">
      {formatSeoulDateTime(row.createdAt)}
    </time>
  );
}

function ActionName({ row }: { row: AuditRow }) {
  const label = AUDIT_ACTION_LABELS[row.action];
  return label ?? <span className="break-all font-mono text-xs">{row.action}</span>;
}

function Who({ row }: { row: AuditRow }) {
  if (row.actorEmail) {
    return (
      <>
        <p className="truncate">{row.actorName ?? row.actorEmail}</p>
        {row.actorName && <p className="truncate text-xs text-muted">{row.actorEmail}</p>}
      </>
    );
  }
  return (
    <span className="text-muted">
      {isSystemEntry(row.after) ? "시스템 (자동 처리)" : "삭제된 사용자"}
    </span>
  );
}

/** The target's kind, linking to every entry about the same record. */
function Target({ row }: { row: AuditRow }) {
  const label = auditTargetLabel(row.targetType);
  if (!row.targetId) return label;
  return (
    <Link
      href={listHref(LIST.path, { targetType: row.targetType, targetId: row.targetId })}
      className="text-primary hover:underline"
      title={`이 대상의 기록만 보기 (${row.targetId})`}
    >
      {label}
    </Link>
  );
}

/** At most two changes in words; the whole before/after (and where it came from) folded. */
function Changes({ row }: { row: AuditRow }) {
  const { lines, more } = auditSummary(row.targetType, row.before, row.after);
  return (
    <details className="group">
      <summary className="flex cursor-pointer list-none gap-1.5 py-1 [&::-webkit-details-marker]:hidden">
        <span className="mt-0.5 text-primary">
          <DisclosureChevron />
        </span>
        <span className="min-w-0">
          {lines.length === 0 ? (
            <span className="text-muted">바뀐 값 없음</span>
          ) : (
            lines.map((line, i) => (
              <span key={i} className="block break-words">
                {line}
              </span>
            ))
          )}
          {more > 0 && <span className="block text-xs text-muted">외 {more}개 항목</span>}
        </span>
      </summary>
      <div className="mt-2 space-y-2 rounded-lg border border-border p-3">
        <p className="break-all text-xs text-muted">
          <span className="font-mono">{row.action}</span>
          {row.targetId && (
            <>
              {" "}
              · 대상 ID <span className="font-mono">{row.targetId}</span>
            </>
          )}
          {row.ip && (
            <>
              {" "}
              · IP <span className="font-mono">{row.ip}</span>
            </>
          )}
        </p>
        <AuditDiffTable targetType={row.targetType} before={row.before} after={row.after} />
      </div>
    </details>
  );
}

function AuditCard({ row }: { row: AuditRow }) {
  return (
    <Card className="space-y-1 p-4">
      <div className="flex items-start justify-between gap-3">
        <h2 className="font-bold">
          <ActionName row={row} />
        </h2>
        <span className="shrink-0 text-xs text-muted">
          <When row={row} />
        </span>
      </div>
      <div className="flex flex-wrap gap-x-2 text-sm text-muted">
        <Who row={row} />
        <span aria-hidden="true">·</span>
        <Target row={row} />
      </div>
      <div className="text-sm">
        <Changes row={row} />
      </div>
    </Card>
  );
}

// Entries the system wrote (e.g. the billing run re-sending a refund) have no actor and say so
// in their after values (lib/refunds/refund-audit.ts); a deleted admin's entries have neither.
function isSystemEntry(after: unknown): boolean {
  return (
    typeof after === "object" && after !== null && "actor" in after && after.actor === "system"
  );
}
