import type { Metadata } from "next";
import Link from "next/link";
import { ChargeStatusBadge } from "@/components/admin/charges/charge-status-badge";
import { RefundDialog } from "@/components/admin/charges/refund-dialog";
import {
  adminList,
  AdminList,
  type Column,
  type ListPageProps,
} from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { CustomerLink, RowCard, WhenCell } from "@/components/admin/list/row-parts";
import { SortLinks } from "@/components/admin/list/sort-links";
import { cx } from "@/components/ui/cx";
import { buttonClasses } from "@/components/ui/button";
import {
  CHARGE_STATUS_FILTERS,
  CHARGE_STATUS_LABELS,
  FAILURE_CATEGORY_LABELS,
  listCharges,
  parseChargeListParams,
  PROVIDER_LABELS,
  PURPOSE_LABELS,
  type ChargeListParams,
  type ChargeRow,
  type ChargeTotals,
} from "@/lib/admin/charges";
import { listHref } from "@/lib/admin/list/search-params";
import { requireAdmin } from "@/lib/auth/guards";
import { paymentProvider } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { refundChargeAction } from "./actions";

const NUMBER = new Intl.NumberFormat("ko-KR");

const SORT_OPTIONS = [
  { label: "최신순", sort: "created_at", dir: "desc" },
  { label: "오래된순", sort: "created_at", dir: "asc" },
  { label: "금액 큰 순", sort: "amount", dir: "desc" },
  { label: "금액 작은 순", sort: "amount", dir: "asc" },
] as const;

const COLUMNS: Column<ChargeRow>[] = [
  {
    header: "일시",
    sort: "created_at",
    headerClassName: "w-40",
    cell: (row) => (
      <WhenCell
        at={row.createdAt}
        reference={
          // Ellipsis only on screen: selecting and copying still takes the whole order id.
          <p className="max-w-[10rem] truncate font-mono text-xs text-muted" title={row.orderId}>
            {row.orderId}
          </p>
        }
      />
    ),
  },
  { header: "고객", className: "max-w-48", cell: (row) => <Customer row={row} /> },
  {
    // The provider sits under the plan: a column of its own pushed the table past 1280 px.
    header: "요금제 · 결제사",
    cell: (row) => (
      <>
        {row.planName}
        <p className="text-xs text-muted">
          {PROVIDER_LABELS[row.provider]} · {PURPOSE_LABELS[row.purpose]} · {row.periodNumber}회차
          {row.attemptNumber > 1 && ` · ${row.attemptNumber}번째 시도`}
        </p>
      </>
    ),
  },
  { header: "금액", sort: "amount", numeric: true, cell: (row) => <Amounts row={row} /> },
  {
    header: "상태",
    cell: (row) => (
      <>
        <ChargeStatusBadge row={row} />
        {row.status === "failed" && (
          <p className="mt-1 max-w-56 text-xs text-muted">
            <FailureReason row={row} />
          </p>
        )}
      </>
    ),
  },
  {
    header: "작업",
    srOnlyHeader: true,
    cell: (row) => <ChargeActions row={row} className="justify-end" />,
  },
];

const LIST = adminList({
  path: "/admin/charges",
  title: "결제 내역",
  parse: parseChargeListParams,
  load: listCharges,
  view: ({ params, data }) => ({
    description: "모든 결제 시도를 상태, 기간, 결제사, 금액으로 찾아보고 환불할 수 있어요.",
    actions: <ExportLink params={params} />,
    filters: [
      filter.select("status", "상태", filter.options(CHARGE_STATUS_FILTERS, CHARGE_STATUS_LABELS)),
      filter.select(
        "provider",
        "결제사",
        filter.options(paymentProvider.enumValues, PROVIDER_LABELS),
      ),
      filter.dateRange,
      filter.text("minAmount", "최소 금액 (원)", { inputMode: "numeric" }),
      filter.text("maxAmount", "최대 금액 (원)", { inputMode: "numeric" }),
      filter.text("q", "주문번호 · 고객 이메일 · 이름", {
        type: "search",
        className: "col-span-2",
      }),
    ],
    summary: <Totals totals={data.totals} />,
    listLabel: "결제 내역",
    pageLabel: "결제 내역 페이지",
    // Phones: one card per charge with sort links; wider screens: the sortable table.
    layout: {
      kind: "responsive",
      card: (row) => <ChargeCard row={row} />,
      cardsHeader: <SortLinks path={LIST.path} params={params} options={SORT_OPTIONS} />,
      columns: COLUMNS,
      minWidth: "min-w-[46rem]",
    },
    empty: {
      title: "조건에 맞는 결제가 없어요",
      description: "기간이나 상태 조건을 바꿔 다시 찾아보세요.",
    },
  }),
});

export const metadata: Metadata = { title: LIST.title };

export default async function ChargesPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
}

/** The CSV of the filtered list (every page of it). */
function ExportLink({ params }: { params: ChargeListParams }) {
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  const href = listHref("/api/admin/charges/export", filters, {}, {});
  return (
    // A plain link: the browser downloads the streamed file itself.
    <a href={href} download className={buttonClasses({ variant: "secondary" })}>
      CSV 내보내기
    </a>
  );
}

function Totals({ totals }: { totals: ChargeTotals }) {
  if (totals.amount === null || totals.refunded === null) {
    // Past COUNT_CAP a search is not summed (lib/admin/charges.ts): say so instead of a number.
    return (
      <p className="text-sm text-muted">
        검색 결과 {NUMBER.format(totals.count)}건 이상 · 금액 합계는 결과가{" "}
        {NUMBER.format(totals.count)}건 이하일 때 보여줘요
      </p>
    );
  }
  return (
    <p className="text-sm text-muted">
      검색 결과 {NUMBER.format(totals.count)}건 · 결제 완료 {formatKRW(totals.amount)}
      {" · "}환불 {formatKRW(totals.refunded)}
      {(totals.testModeAmount ?? 0) > 0 &&
        ` · 테스트 결제 ${formatKRW(totals.testModeAmount ?? 0)} (매출에서 빠져요)`}
    </p>
  );
}

function Customer({ row }: { row: ChargeRow }) {
  return (
    <CustomerLink subscriptionId={row.subscriptionId} name={row.customerName} email={row.email} />
  );
}

/** The amount (bold), and how much of it was refunded. */
function Amounts({ row }: { row: ChargeRow }) {
  return (
    <>
      <p className="font-bold">{formatKRW(row.amount)}</p>
      {row.refundedAmount > 0 && (
        <p className="text-xs text-muted">환불 {formatKRW(row.refundedAmount)}</p>
      )}
    </>
  );
}

function FailureReason({ row }: { row: ChargeRow }) {
  return (
    <>
      {row.failureCategory && `${FAILURE_CATEGORY_LABELS[row.failureCategory]} · `}
      {row.errorCode}
    </>
  );
}

function ChargeCard({ row }: { row: ChargeRow }) {
  return (
    <RowCard who={<Customer row={row} />} amount={<Amounts row={row} />}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <ChargeStatusBadge row={row} />
        <span className="text-muted">
          {row.planName} · {PURPOSE_LABELS[row.purpose]} · {row.periodNumber}회차
        </span>
      </div>
      {row.status === "failed" && row.errorCode && (
        <p className="text-xs text-muted">
          <FailureReason row={row} />
        </p>
      )}
      <p className="text-xs text-muted">
        <time dateTime={row.createdAt.toISOString()}>{formatSeoulDateTime(row.createdAt)}</time>
        {" · "}
        {PROVIDER_LABELS[row.provider]}
        <span className="block truncate font-mono" title={row.orderId}>
          {row.orderId}
        </span>
      </p>
      <ChargeActions row={row} />
    </RowCard>
  );
}

/** Receipt, refund, or "refund in progress": the same on a card and in a table row. */
function ChargeActions({ row, className }: { row: ChargeRow; className?: string }) {
  const remaining = row.status === "succeeded" ? row.amount - row.refundedAmount : 0;
  if (!row.receiptUrl && !row.hasLiveRefund && remaining === 0) return null;
  return (
    <div className={cx("flex items-center gap-2 whitespace-nowrap", className)}>
      {row.receiptUrl && (
        <a
          href={row.receiptUrl}
          target="_blank"
          rel="noopener noreferrer"
          className="inline-flex min-h-9 items-center rounded-md px-2 text-sm font-bold text-primary hover:underline [@media(pointer:coarse)]:min-h-touch"
        >
          영수증<span className="sr-only"> ({row.orderId}, 새 창)</span>
        </a>
      )}
      {row.hasLiveRefund ? (
        <Link
          href={`/admin/refunds?q=${encodeURIComponent(row.orderId)}`}
          className="inline-flex min-h-9 items-center rounded-md px-2 text-sm font-bold text-warning hover:underline [@media(pointer:coarse)]:min-h-touch"
        >
          환불 확인 중
        </Link>
      ) : (
        remaining > 0 && (
          <RefundDialog
            action={refundChargeAction}
            charge={{
              id: row.id,
              orderId: row.orderId,
              customer: row.customerName ?? row.email,
              amount: row.amount,
              refundedAmount: row.refundedAmount,
            }}
          />
        )
      )}
    </div>
  );
}
