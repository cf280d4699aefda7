import type { Metadata } from "next";
import Link from "next/link";
import { AuditDiffTable } from "@/components/admin/audit/audit-diff-table";
import { adminList, AdminList, type ListPageProps } from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { Card } from "@/components/ui/card";
import {
  AUDIT_ACTION_LABELS,
  KNOWN_TARGET_TYPES,
  listAuditLog,
  parseAuditListParams,
  type AuditRow,
} from "@/lib/admin/audit";
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
      filter.text("action", "작업", {
        wide: true,
        placeholder: "예: refund",
        suggestions: Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({
          value,
          label,
        })),
      }),
      filter.text("targetType", "대상 종류", {
        suggestions: KNOWN_TARGET_TYPES.map((value) => ({ value })),
      }),
      filter.text("targetId", "대상 ID"),
      filter.dateRange,
    ],
    listLabel: "감사 로그 목록",
    pageLabel: "감사 로그 페이지",
    layout: { kind: "cards", card: (row) => <AuditEntry row={row} /> },
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

function AuditEntry({ row }: { row: AuditRow }) {
  const label = AUDIT_ACTION_LABELS[row.action];
  return (
    <Card className="space-y-3 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1">
        <h2 className="font-bold">
          {label ?? row.action}
          {label && (
            <span className="ml-2 font-mono text-xs font-normal text-muted">{row.action}</span>
          )}
        </h2>
        <time dateTime={row.createdAt.toISOString()} className="text-sm text-muted">
          {formatSeoulDateTime(row.createdAt)}
        </time>
      </div>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[auto_1fr]">
        <dt className="text-muted">관리자</dt>
        <dd>
          {row.actorEmail ? (
            <>
              {row.actorName ?? row.actorEmail}
              {row.actorName && <span className="text-muted"> · {row.actorEmail}</span>}
            </>
          ) : isSystemEntry(row.after) ? (
            <span className="text-muted">시스템 (자동 처리)</span>
          ) : (
            <span className="text-muted">삭제된 사용자</span>
          )}
          {row.ip && <span className="font-mono text-xs text-muted"> · {row.ip}</span>}
        </dd>
        <dt className="text-muted">대상</dt>
        <dd className="break-all">
          <span className="font-mono text-xs">{row.targetType}</span>
          {row.targetId && (
            <>
              {" "}
              <Link
                href={listHref(LIST.path, { targetType: row.targetType, targetId: row.targetId })}
                className="font-mono text-xs text-primary hover:underline"
                title="이 대상의 기록만 보기"
              >
                {row.targetId}
              </Link>
            </>
          )}
        </dd>
      </dl>
      <AuditDiffTable before={row.before} after={row.after} />
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
