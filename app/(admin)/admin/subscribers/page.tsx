import type { Metadata } from "next";
import {
  adminList,
  AdminList,
  type Column,
  type ListPageProps,
} from "@/components/admin/list/list-page";
import { filter } from "@/components/admin/list/filters";
import { CustomerLink } from "@/components/admin/list/row-parts";
import { labelOf, PROVIDER } from "@/components/admin/subscribers/labels";
import {
  SubscriptionStatusBadge,
  subscriptionStatusLabel,
} from "@/components/subscriptions/subscription-status-badge";
import { Badge } from "@/components/ui/badge";
import { listPlansForAdmin } from "@/lib/admin/list-plans-for-admin";
import { listSubscribers, type SubscriberRow } from "@/lib/admin/list-subscribers";
import { parseSubscriberListParams } from "@/lib/admin/subscriber-list-params";
import { requireAdmin } from "@/lib/auth/guards";
import { paymentProvider, subscriptionStatus } from "@/lib/db/schema";
import { formatKRW, formatPlanPrice, formatPricePeriod, formatSeoulDate } from "@/lib/format";

const COLUMNS: Column<SubscriberRow>[] = [
  {
    header: "고객",
    className: "max-w-64",
    cell: (row) => <CustomerLink subscriptionId={row.id} name={row.name} email={row.email} />,
  },
  { header: "요금제", cell: (row) => row.plan.name },
  { header: "상태", cell: (row) => <StatusCell row={row} /> },
  {
    header: "가격",
    sort: "price",
    numeric: true,
    cell: (row) => (
      <>
        <span className="text-muted">
          {formatPricePeriod(row.plan.interval, row.plan.intervalCount)}
        </span>{" "}
        {formatKRW(row.priceAmount)}
      </>
    ),
  },
  {
    header: "다음 결제",
    sort: "next_charge",
    className: "whitespace-nowrap",
    cell: (row) => (row.nextChargeAt ? formatSeoulDate(row.nextChargeAt) : "—"),
  },
  {
    header: "결제사",
    className: "whitespace-nowrap",
    cell: (row) => (row.provider ? labelOf(PROVIDER, row.provider) : "—"),
  },
  {
    header: "가입",
    sort: "created",
    className: "whitespace-nowrap",
    cell: (row) => formatSeoulDate(row.createdAt),
  },
];

const LIST = adminList({
  path: "/admin/subscribers",
  title: "구독자",
  parse: parseSubscriberListParams,
  // The plan filter offers every plan, archived ones included.
  load: async (params) => {
    const [page, plans] = await Promise.all([listSubscribers(params), listPlansForAdmin()]);
    return { ...page, plans };
  },
  view: ({ data }) => ({
    description: "이메일이나 이름으로 찾고, 상태·요금제·결제사로 좁혀 보세요.",
    filterLabel: "구독자 검색",
    filters: [
      filter.text("q", "이메일 또는 이름", {
        type: "search",
        className: "col-span-2 lg:col-span-1",
        placeholder: "예: kim@example.com",
      }),
      filter.select(
        "status",
        "상태",
        subscriptionStatus.enumValues.map((s) => ({
          value: s,
          label: subscriptionStatusLabel(s),
        })),
      ),
      filter.select(
        "plan",
        "요금제",
        data.plans.map((p) => ({
          value: p.id,
          label: p.status === "archived" ? `${p.name} (보관됨)` : p.name,
        })),
      ),
      filter.select(
        "provider",
        "결제사",
        paymentProvider.enumValues.map((p) => ({ value: p, label: labelOf(PROVIDER, p) })),
      ),
    ],
    listLabel: "구독자 목록",
    pageLabel: "구독자 목록 페이지",
    layout: {
      kind: "responsive",
      card: (row) => <SubscriberCard row={row} />,
      columns: COLUMNS,
      minWidth: "min-w-[56rem]",
    },
    empty: { title: "아직 구독자가 없어요" },
    emptyFiltered: { title: "조건에 맞는 구독자가 없어요" },
  }),
});

export const metadata: Metadata = { title: LIST.title };

export default async function AdminSubscribersPage({ searchParams }: ListPageProps) {
  await requireAdmin({ callbackUrl: LIST.path });
  return <AdminList list={LIST} searchParams={searchParams} />;
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
        <CustomerLink
          subscriptionId={row.id}
          name={row.name}
          email={row.email}
          emailClassName="break-all text-sm text-muted"
        />
      </div>
      <StatusCell row={row} />
      <p className="text-sm">
        {row.plan.name} ·{" "}
        <span className="font-bold tabular-nums">
          {formatPlanPrice({
            amount: row.priceAmount,
            interval: row.plan.interval,
            intervalCount: row.plan.intervalCount,
          })}
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
