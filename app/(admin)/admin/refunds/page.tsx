import type { Metadata } from "next";
import Link from "next/link";
import {
  adminList,
  AdminList,
  type Column,
  type ListPageProps,
} from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { CustomerLink, RowCard, WhenCell } from "@/components/admin/list/row-parts";
import { RefundStatusBadge } from "@/components/admin/refunds/refund-status-badge";
import { RetryRefundForm } from "@/components/admin/refunds/retry-refund-form";
import { Alert } from "@/components/ui/alert";
import {
  listRefunds,
  parseRefundListParams,
  REFUND_STATUS_LABELS,
  type RefundRow,
} from "@/lib/admin/refunds";
import { requireAdmin } from "@/lib/auth/guards";
import { refundStatus } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { retryRefundAction } from "./actions";

const COLUMNS: Column<RefundRow>[] = [
  {
    header: "요청 일시",
    // The refund number wraps: kept on one line it alone pushed the table past 1280 px.
    headerClassName: "w-36",
    cell: (row) => (
      <WhenCell
        at={row.createdAt}
        reference={<p className="break-all font-mono text-xs text-muted">{row.refundNo}</p>}
      />
    ),
  },
  {
    header: "고객 · 결제",
    className: "max-w-48",
    cell: (row) => (
      <>
        <Customer row={row} showEmail="hidden" />
        <p className="truncate font-mono text-xs text-muted" title={row.orderId}>
          <Link
            href={`/admin/charges?q=${encodeURIComponent(row.orderId)}`}
            className="hover:underline"
          >
            {row.orderId}
          </Link>
        </p>
      </>
    ),
  },
  { header: "환불 금액", numeric: true, cell: (row) => <Amounts row={row} /> },
  {
    // Who asked sits under the status: a column of its own did not fit at 1280 px.
    header: "상태 · 요청자",
    cell: (row) => (
      <>
        <RefundStatusBadge status={row.status} />
        <p className="mt-1 text-xs text-muted">
          {row.requestedByName ?? row.requestedByEmail ?? "—"}
        </p>
      </>
    ),
  },
  { header: "결과", className: "text-sm", cell: (row) => <RefundResult row={row} /> },
  { header: "작업", srOnlyHeader: true, cell: (row) => isLive(row) && <RetryRefund row={row} /> },
];

const LIST = adminList({
  path: "/admin/refunds",
  title: "환불 내역",
  parse: parseRefundListParams,
  load: listRefunds,
  view: {
    description: "결제사에 요청한 모든 환불과 그 결과예요. 새 환불은 결제 내역에서 시작해요.",
    intro: (
      <Alert tone="info">
        결과를 확인하지 못한 환불은 ‘다시 시도’로 같은 환불번호를 다시 보내요. 결제사는 같은
        환불번호를 한 번만 처리하므로 두 번 환불되지 않아요.
      </Alert>
    ),
    filters: [
      filter.select(
        "status",
        "상태",
        filter.options(refundStatus.enumValues, REFUND_STATUS_LABELS),
      ),
      filter.dateRange,
      filter.text("q", "환불번호 · 주문번호 · 이메일", { type: "search", wide: true }),
    ],
    listLabel: "환불 내역",
    pageLabel: "환불 내역 페이지",
    layout: {
      kind: "responsive",
      card: (row) => <RefundCard row={row} />,
      columns: COLUMNS,
      minWidth: "min-w-[46rem]",
    },
    empty: {
      title: "환불 내역이 없어요",
      description: "결제 내역에서 결제 완료 건의 ‘환불’ 버튼으로 환불할 수 있어요.",
    },
  },
});

export const metadata: Metadata = { title: LIST.title };

export default async function RefundsPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

function Customer({ row, showEmail }: { row: RefundRow; showEmail: "hidden" | "always" }) {
  return (
    <CustomerLink
      subscriptionId={row.subscriptionId}
      name={row.customerName}
      email={row.customerEmail}
      showEmail={showEmail}
    />
  );
}

/** The refund's amount (bold) over the charge's. */
function Amounts({ row }: { row: RefundRow }) {
  return (
    <>
      <p className="font-bold">{formatKRW(row.amount)}</p>
      <p className="text-xs text-muted">결제 {formatKRW(row.chargeAmount)}</p>
    </>
  );
}

function RetryRefund({ row }: { row: RefundRow }) {
  return <RetryRefundForm refundId={row.id} refundNo={row.refundNo} action={retryRefundAction} />;
}

const isLive = (row: RefundRow) => row.status === "pending" || row.status === "unknown";

/** What the provider answered, what remains, and why the refund was made. */
function RefundResult({ row }: { row: RefundRow }) {
  const live = isLive(row);
  const remaining = row.chargeAmount - row.chargeRefundedAmount;
  return (
    <>
      {row.status === "succeeded" && (
        <p>
          {row.refundableAfter !== null && (
            <span className="block">환불 후 남은 금액 {formatKRW(row.refundableAfter)}</span>
          )}
          {row.completedAt && (
            <span className="block text-xs text-muted">
              {formatSeoulDateTime(row.completedAt)} 완료
            </span>
          )}
        </p>
      )}
      {live && (
        <p className="text-xs text-muted">지금 결제에서 환불 가능한 금액 {formatKRW(remaining)}</p>
      )}
      {row.errorCode && (
        <p className="break-words text-xs text-muted">
          <span className="font-bold text-foreground">{row.errorCode}</span> {row.errorMessage}
        </p>
      )}
      {row.reason && <p className="text-xs text-muted">사유: {row.reason}</p>}
    </>
  );
}

function RefundCard({ row }: { row: RefundRow }) {
  return (
    <RowCard who={<Customer row={row} showEmail="always" />} amount={<Amounts row={row} />}>
      <div className="flex flex-wrap items-center gap-2">
        <RefundStatusBadge status={row.status} />
        <span className="text-xs text-muted">
          {formatSeoulDateTime(row.createdAt)} ·{" "}
          {row.requestedByName ?? row.requestedByEmail ?? "—"}
        </span>
      </div>
      <div className="text-sm">
        <RefundResult row={row} />
      </div>
      <p className="truncate font-mono text-xs text-muted" title={row.refundNo}>
        {row.refundNo}
      </p>
      {isLive(row) && <RetryRefund row={row} />}
    </RowCard>
  );
}
