import type { Metadata } from "next";
import Link from "next/link";
import { ChargeStatusBadge } from "@/components/admin/charges/charge-status-badge";
import { RefundDialog } from "@/components/admin/charges/refund-dialog";
import {
  FilterField,
  FilterForm,
  FilterInput,
  FilterSelect,
} from "@/components/admin/list/filter-form";
import { Pagination } from "@/components/admin/list/pagination";
import { SortHeader } from "@/components/admin/list/sort-header";
import { SortLinks } from "@/components/admin/list/sort-links";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import {
  CHARGE_STATUS_FILTERS,
  CHARGE_STATUS_LABELS,
  FAILURE_CATEGORY_LABELS,
  listCharges,
  parseChargeListParams,
  PROVIDER_LABELS,
  PURPOSE_LABELS,
  type ChargeRow,
} from "@/lib/admin/charges";
import { listHref, type RawSearchParams } from "@/lib/admin/list/search-params";
import { requireAdmin } from "@/lib/auth/guards";
import { paymentProvider } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { refundChargeAction } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "결제 내역" };

const PATH = "/admin/charges";
const NUMBER = new Intl.NumberFormat("ko-KR");

const SORT_OPTIONS = [
  { label: "최신순", sort: "created_at", dir: "desc" },
  { label: "오래된순", sort: "created_at", dir: "asc" },
  { label: "금액 큰 순", sort: "amount", dir: "desc" },
  { label: "금액 작은 순", sort: "amount", dir: "asc" },
] as const;

export default async function ChargesPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requireAdmin({ callbackUrl: PATH });
  const params = parseChargeListParams(await searchParams);
  const result = await listCharges(params);
  const { page: _page, pageSize: _pageSize, ...filters } = params;
  const exportHref = listHref("/api/admin/charges/export", filters, {}, {});

  return (
    <div className="space-y-6">
      <PageHeader
        title="결제 내역"
        description="모든 결제 시도를 상태, 기간, 결제사, 금액으로 찾아보고 환불할 수 있어요."
        actions={
          // A plain link: the browser downloads the streamed file itself.
          <a href={exportHref} download className={buttonClasses({ variant: "secondary" })}>
            CSV 내보내기
          </a>
        }
      />

      <FilterForm
        path={PATH}
        keep={{ sort: params.sort, dir: params.dir, pageSize: params.pageSize }}
      >
        <FilterField label="상태" htmlFor="f-status">
          <FilterSelect
            id="f-status"
            name="status"
            value={params.status}
            options={CHARGE_STATUS_FILTERS.map((s) => ({
              value: s,
              label: CHARGE_STATUS_LABELS[s],
            }))}
          />
        </FilterField>
        <FilterField label="결제사" htmlFor="f-provider">
          <FilterSelect
            id="f-provider"
            name="provider"
            value={params.provider}
            options={paymentProvider.enumValues.map((p) => ({
              value: p,
              label: PROVIDER_LABELS[p],
            }))}
          />
        </FilterField>
        <FilterField label="시작일 (한국 시간)" htmlFor="f-from" wide>
          <FilterInput id="f-from" name="from" type="date" value={params.from} />
        </FilterField>
        <FilterField label="종료일 (한국 시간)" htmlFor="f-to" wide>
          <FilterInput id="f-to" name="to" type="date" value={params.to} />
        </FilterField>
        <FilterField label="최소 금액 (원)" htmlFor="f-min">
          <FilterInput id="f-min" name="minAmount" inputMode="numeric" value={params.minAmount} />
        </FilterField>
        <FilterField label="최대 금액 (원)" htmlFor="f-max">
          <FilterInput id="f-max" name="maxAmount" inputMode="numeric" value={params.maxAmount} />
        </FilterField>
        <FilterField label="주문번호 · 고객 이메일 · 이름" htmlFor="f-q" className="col-span-2">
          <FilterInput id="f-q" name="q" type="search" value={params.q} />
        </FilterField>
      </FilterForm>

      <p className="text-sm text-muted">
        검색 결과 {NUMBER.format(result.totals.count)}건 · 결제 완료{" "}
        {formatKRW(result.totals.amount)}
        {" · "}환불 {formatKRW(result.totals.refunded)}
        {result.totals.testModeAmount > 0 &&
          ` · 테스트 결제 ${formatKRW(result.totals.testModeAmount)} (매출에서 빠져요)`}
      </p>

      {result.rows.length === 0 ? (
        <EmptyState
          title="조건에 맞는 결제가 없어요"
          description="기간이나 상태 조건을 바꿔 다시 찾아보세요."
        />
      ) : (
        <>
          {/* Phones: one card per charge; wider screens: the sortable table. */}
          <div className="space-y-3 md:hidden">
            <SortLinks path={PATH} params={params} options={SORT_OPTIONS} />
            <ul className="space-y-3" aria-label="결제 내역">
              {result.rows.map((row) => (
                <li key={row.id}>
                  <ChargeCard row={row} />
                </li>
              ))}
            </ul>
          </div>
          <div className="hidden md:block">
            <Table caption="결제 내역" captionHidden tableClassName="min-w-[58rem]">
              <THead>
                <TR>
                  <SortHeader label="일시" sort="created_at" path={PATH} params={params} />
                  <TH>고객</TH>
                  <TH>요금제</TH>
                  <SortHeader
                    label="금액"
                    sort="amount"
                    path={PATH}
                    params={params}
                    className="text-right"
                  />
                  <TH>상태</TH>
                  <TH>결제사</TH>
                  <TH>
                    <span className="sr-only">작업</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {result.rows.map((row) => (
                  <ChargeTableRow key={row.id} row={row} />
                ))}
              </TBody>
            </Table>
          </div>
        </>
      )}

      <Pagination page={result} path={PATH} params={params} label="결제 내역 페이지" />
    </div>
  );
}

function ChargeTableRow({ row }: { row: ChargeRow }) {
  return (
    <TR>
      <TD className="whitespace-nowrap">
        <time dateTime={row.createdAt.toISOString()}>{formatSeoulDateTime(row.createdAt)}</time>
        {/* Ellipsis only on screen: selecting and copying still takes the whole order id. */}
        <p className="max-w-[13rem] truncate font-mono text-xs text-muted" title={row.orderId}>
          {row.orderId}
        </p>
      </TD>
      <TD className="max-w-56">
        <Link
          href={`/admin/subscribers/${row.subscriptionId}`}
          className="font-bold text-primary hover:underline"
        >
          {row.customerName ?? row.email}
        </Link>
        {row.customerName && <p className="truncate text-xs text-muted">{row.email}</p>}
      </TD>
      <TD className="whitespace-nowrap">
        {row.planName}
        <p className="text-xs text-muted">
          {PURPOSE_LABELS[row.purpose]} · {row.periodNumber}회차
          {row.attemptNumber > 1 && ` · ${row.attemptNumber}번째 시도`}
        </p>
      </TD>
      <TD className="whitespace-nowrap text-right tabular-nums">
        <span className="font-bold">{formatKRW(row.amount)}</span>
        {row.refundedAmount > 0 && (
          <p className="text-xs text-muted">환불 {formatKRW(row.refundedAmount)}</p>
        )}
      </TD>
      <TD>
        <ChargeStatusBadge row={row} />
        {row.status === "failed" && (
          <p className="mt-1 max-w-56 text-xs text-muted">
            {row.failureCategory && `${FAILURE_CATEGORY_LABELS[row.failureCategory]} · `}
            {row.errorCode}
          </p>
        )}
      </TD>
      <TD className="whitespace-nowrap">{PROVIDER_LABELS[row.provider]}</TD>
      <TD>
        <ChargeActions row={row} className="justify-end" />
      </TD>
    </TR>
  );
}

function ChargeCard({ row }: { row: ChargeRow }) {
  return (
    <Card className="space-y-3 p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Link
            href={`/admin/subscribers/${row.subscriptionId}`}
            className="font-bold text-primary hover:underline"
          >
            {row.customerName ?? row.email}
          </Link>
          {row.customerName && <p className="truncate text-xs text-muted">{row.email}</p>}
        </div>
        <div className="shrink-0 text-right tabular-nums">
          <p className="font-bold">{formatKRW(row.amount)}</p>
          {row.refundedAmount > 0 && (
            <p className="text-xs text-muted">환불 {formatKRW(row.refundedAmount)}</p>
          )}
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <ChargeStatusBadge row={row} />
        <span className="text-muted">
          {row.planName} · {PURPOSE_LABELS[row.purpose]} · {row.periodNumber}회차
        </span>
      </div>
      {row.status === "failed" && row.errorCode && (
        <p className="text-xs text-muted">
          {row.failureCategory && `${FAILURE_CATEGORY_LABELS[row.failureCategory]} · `}
          {row.errorCode}
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
    </Card>
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
