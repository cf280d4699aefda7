import type { Metadata } from "next";
import Link from "next/link";
import {
  FilterField,
  FilterForm,
  FilterInput,
  FilterSelect,
} from "@/components/admin/list/filter-form";
import { Pagination } from "@/components/admin/list/pagination";
import { SortHeader } from "@/components/admin/list/sort-header";
import { PROVIDER } from "@/components/admin/subscribers/labels";
import {
  SubscriptionStatusBadge,
  subscriptionStatusLabel,
} from "@/components/subscriptions/subscription-status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listPlansForAdmin } from "@/lib/admin/list-plans-for-admin";
import { listSubscribers, type SubscriberRow } from "@/lib/admin/list-subscribers";
import { parseSubscriberListParams } from "@/lib/admin/subscriber-list-params";
import { requireAdmin } from "@/lib/auth/guards";
import { paymentProvider, subscriptionStatus } from "@/lib/db/schema";
import { formatKRW, formatPriceSuffix, formatSeoulDate } from "@/lib/format";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "구독자" };

const PATH = "/admin/subscribers";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminSubscribersPage({ searchParams }: Props) {
  await requireAdmin({ callbackUrl: PATH });
  const params = parseSubscriberListParams(await searchParams);
  const [page, plans] = await Promise.all([listSubscribers(params), listPlansForAdmin()]);
  const filtered = Boolean(params.q || params.status || params.plan || params.provider);

  return (
    <div className="space-y-6">
      <PageHeader
        title="구독자"
        description="이메일이나 이름으로 찾고, 상태·요금제·결제사로 좁혀 보세요."
      />

      <FilterForm path={PATH} keep={{ sort: params.sort, dir: params.dir }} label="구독자 검색">
        <FilterField label="이메일 또는 이름" htmlFor="q" className="col-span-2 lg:col-span-1">
          <FilterInput
            id="q"
            name="q"
            type="search"
            value={params.q}
            placeholder="예: kim@example.com"
          />
        </FilterField>
        <FilterField label="상태" htmlFor="status">
          <FilterSelect
            id="status"
            name="status"
            value={params.status}
            options={subscriptionStatus.enumValues.map((s) => ({
              value: s,
              label: subscriptionStatusLabel(s),
            }))}
          />
        </FilterField>
        <FilterField label="요금제" htmlFor="plan">
          <FilterSelect
            id="plan"
            name="plan"
            value={params.plan}
            options={plans.map((p) => ({
              value: p.id,
              label: p.status === "archived" ? `${p.name} (보관됨)` : p.name,
            }))}
          />
        </FilterField>
        <FilterField label="결제사" htmlFor="provider">
          <FilterSelect
            id="provider"
            name="provider"
            value={params.provider}
            options={paymentProvider.enumValues.map((p) => ({ value: p, label: PROVIDER[p] ?? p }))}
          />
        </FilterField>
      </FilterForm>

      {page.rows.length === 0 ? (
        <EmptyState
          title={filtered ? "조건에 맞는 구독자가 없어요" : "아직 구독자가 없어요"}
          description={filtered ? "검색어나 필터를 바꿔 보세요." : undefined}
        />
      ) : (
        <>
          <ul className="space-y-3 md:hidden" aria-label="구독자 목록">
            {page.rows.map((row) => (
              <li key={row.id}>
                <SubscriberCard row={row} />
              </li>
            ))}
          </ul>
          <Table
            caption="구독자 목록"
            captionHidden
            className="hidden md:block"
            tableClassName="min-w-[56rem]"
          >
            <THead>
              <TR>
                <TH>고객</TH>
                <TH>요금제</TH>
                <TH>상태</TH>
                <SortHeader
                  label="가격"
                  sort="price"
                  path={PATH}
                  params={params}
                  className="text-right"
                />
                <SortHeader label="다음 결제" sort="next_charge" path={PATH} params={params} />
                <TH>결제사</TH>
                <SortHeader label="가입" sort="created" path={PATH} params={params} />
              </TR>
            </THead>
            <TBody>
              {page.rows.map((row) => (
                <TR key={row.id}>
                  <TD className="max-w-64">
                    <Link
                      href={`${PATH}/${row.id}`}
                      className="font-bold text-primary hover:underline"
                    >
                      {row.name ?? row.email}
                    </Link>
                    {row.name && <p className="truncate text-xs text-muted">{row.email}</p>}
                  </TD>
                  <TD>{row.plan.name}</TD>
                  <TD>
                    <StatusCell row={row} />
                  </TD>
                  <TD className="whitespace-nowrap text-right tabular-nums">
                    {formatKRW(row.priceAmount)}
                    <span className="text-muted">
                      {formatPriceSuffix(row.plan.interval, row.plan.intervalCount)}
                    </span>
                  </TD>
                  <TD className="whitespace-nowrap">
                    {row.nextChargeAt ? formatSeoulDate(row.nextChargeAt) : "—"}
                  </TD>
                  <TD className="whitespace-nowrap">
                    {row.provider ? (PROVIDER[row.provider] ?? row.provider) : "—"}
                  </TD>
                  <TD className="whitespace-nowrap">{formatSeoulDate(row.createdAt)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
      <Pagination page={page} path={PATH} params={params} label="구독자 목록 페이지" />
    </div>
  );
}

function StatusCell({ row }: { row: SubscriberRow }) {
  return (
    <div className="flex flex-wrap gap-1">
      <SubscriptionStatusBadge status={row.status} />
      {row.cancelAtPeriodEnd && <Badge tone="warning">해지 예약</Badge>}
    </div>
  );
}

function SubscriberCard({ row }: { row: SubscriberRow }) {
  return (
    <div className="space-y-2 rounded-card border border-border bg-surface p-4 shadow-card">
      <div className="min-w-0">
        <Link href={`${PATH}/${row.id}`} className="font-bold text-primary hover:underline">
          {row.name ?? row.email}
        </Link>
        {row.name && <p className="break-all text-sm text-muted">{row.email}</p>}
      </div>
      <StatusCell row={row} />
      <p className="text-sm">
        {row.plan.name} ·{" "}
        <span className="font-bold tabular-nums">
          {formatKRW(row.priceAmount)}
          {formatPriceSuffix(row.plan.interval, row.plan.intervalCount)}
        </span>
      </p>
      {/* Each date stays on one line; the break, if any, falls at the middle dot. */}
      <p className="text-sm text-muted">
        <span className="whitespace-nowrap">
          다음 결제 {row.nextChargeAt ? formatSeoulDate(row.nextChargeAt) : "없음"}
        </span>{" "}
        · <span className="whitespace-nowrap">가입 {formatSeoulDate(row.createdAt)}</span>
      </p>
    </div>
  );
}
