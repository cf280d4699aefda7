import type { Metadata } from "next";
import Link from "next/link";
import {
  FilterField,
  FilterForm,
  FilterInput,
  FilterSelect,
} from "@/components/admin/list/filter-form";
import { Pagination } from "@/components/admin/list/pagination";
import { RefundStatusBadge } from "@/components/admin/refunds/refund-status-badge";
import { RetryRefundForm } from "@/components/admin/refunds/retry-refund-form";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import type { RawSearchParams } from "@/lib/admin/list/search-params";
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

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "환불 내역" };

const PATH = "/admin/refunds";

export default async function RefundsPage({
  searchParams,
}: {
  searchParams: Promise<RawSearchParams>;
}) {
  await requireAdmin({ callbackUrl: PATH });
  const params = parseRefundListParams(await searchParams);
  const result = await listRefunds(params);

  return (
    <div className="space-y-6">
      <PageHeader
        title="환불 내역"
        description="결제사에 요청한 모든 환불과 그 결과예요. 새 환불은 결제 내역에서 시작해요."
      />

      <Alert tone="info">
        결과를 확인하지 못한 환불은 ‘다시 시도’로 같은 환불번호를 다시 보내요. 결제사는 같은
        환불번호를 한 번만 처리하므로 두 번 환불되지 않아요.
      </Alert>

      <FilterForm path={PATH} keep={{ pageSize: params.pageSize }}>
        <FilterField label="상태" htmlFor="r-status">
          <FilterSelect
            id="r-status"
            name="status"
            value={params.status}
            options={refundStatus.enumValues.map((s) => ({
              value: s,
              label: REFUND_STATUS_LABELS[s],
            }))}
          />
        </FilterField>
        <FilterField label="시작일 (한국 시간)" htmlFor="r-from" wide>
          <FilterInput id="r-from" name="from" type="date" value={params.from} />
        </FilterField>
        <FilterField label="종료일 (한국 시간)" htmlFor="r-to" wide>
          <FilterInput id="r-to" name="to" type="date" value={params.to} />
        </FilterField>
        <FilterField label="환불번호 · 주문번호 · 이메일" htmlFor="r-q" wide>
          <FilterInput id="r-q" name="q" type="search" value={params.q} />
        </FilterField>
      </FilterForm>

      {result.rows.length === 0 ? (
        <EmptyState
          title="환불 내역이 없어요"
          description="결제 내역에서 결제 완료 건의 ‘환불’ 버튼으로 환불할 수 있어요."
        />
      ) : (
        <>
          {/* Phones: one card per refund; wider screens: the table. */}
          <ul className="space-y-3 md:hidden" aria-label="환불 내역">
            {result.rows.map((row) => (
              <li key={row.id}>
                <RefundCard row={row} />
              </li>
            ))}
          </ul>
          <div className="hidden md:block">
            <Table caption="환불 내역" captionHidden tableClassName="min-w-[60rem]">
              <THead>
                <TR>
                  <TH>요청 일시</TH>
                  <TH>고객 · 결제</TH>
                  <TH className="text-right">환불 금액</TH>
                  <TH>상태</TH>
                  <TH>결과</TH>
                  <TH>요청자</TH>
                  <TH>
                    <span className="sr-only">작업</span>
                  </TH>
                </TR>
              </THead>
              <TBody>
                {result.rows.map((row) => (
                  <RefundTableRow key={row.id} row={row} />
                ))}
              </TBody>
            </Table>
          </div>
        </>
      )}

      <Pagination page={result} path={PATH} params={params} label="환불 내역 페이지" />
    </div>
  );
}

function RefundTableRow({ row }: { row: RefundRow }) {
  const live = isLive(row);
  return (
    <TR>
      <TD className="whitespace-nowrap">
        <time dateTime={row.createdAt.toISOString()}>{formatSeoulDateTime(row.createdAt)}</time>
        <p className="font-mono text-xs text-muted">{row.refundNo}</p>
      </TD>
      <TD className="max-w-60">
        <Link
          href={`/admin/subscribers/${row.subscriptionId}`}
          className="font-bold text-primary hover:underline"
        >
          {row.customerName ?? row.customerEmail}
        </Link>
        <p className="truncate font-mono text-xs text-muted" title={row.orderId}>
          <Link
            href={`/admin/charges?q=${encodeURIComponent(row.orderId)}`}
            className="hover:underline"
          >
            {row.orderId}
          </Link>
        </p>
      </TD>
      <TD className="whitespace-nowrap text-right tabular-nums">
        <span className="font-bold">{formatKRW(row.amount)}</span>
        <p className="text-xs text-muted">결제 {formatKRW(row.chargeAmount)}</p>
      </TD>
      <TD>
        <RefundStatusBadge status={row.status} />
      </TD>
      <TD className="min-w-56 max-w-80 text-sm">
        <RefundResult row={row} />
      </TD>
      <TD className="whitespace-nowrap text-sm">
        {row.requestedByName ?? row.requestedByEmail ?? "—"}
      </TD>
      <TD>
        {live && (
          <RetryRefundForm refundId={row.id} refundNo={row.refundNo} action={retryRefundAction} />
        )}
      </TD>
    </TR>
  );
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
            <span className="block whitespace-nowrap">
              환불 후 남은 금액 {formatKRW(row.refundableAfter)}
            </span>
          )}
          {row.completedAt && (
            <span className="block whitespace-nowrap text-xs text-muted">
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
    <Card className="space-y-3 p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <Link
            href={`/admin/subscribers/${row.subscriptionId}`}
            className="font-bold text-primary hover:underline"
          >
            {row.customerName ?? row.customerEmail}
          </Link>
          <p className="truncate text-xs text-muted">{row.customerEmail}</p>
        </div>
        <div className="shrink-0 text-right tabular-nums">
          <p className="font-bold">{formatKRW(row.amount)}</p>
          <p className="text-xs text-muted">결제 {formatKRW(row.chargeAmount)}</p>
        </div>
      </div>
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
      {isLive(row) && (
        <RetryRefundForm refundId={row.id} refundNo={row.refundNo} action={retryRefundAction} />
      )}
    </Card>
  );
}
