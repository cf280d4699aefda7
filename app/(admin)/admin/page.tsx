import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AttentionCharges } from "@/components/admin/dashboard/attention-charges";
import { BillingHealthPanel } from "@/components/admin/dashboard/billing-health-panel";
import { RevenueChart } from "@/components/admin/dashboard/revenue-chart";
import { SetupChecklist } from "@/components/admin/dashboard/setup-checklist";
import { StatCard } from "@/components/admin/dashboard/stat-card";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button-link";
import { CardSection } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { PageHeader } from "@/components/ui/page-header";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { getFailedChargesNeedingAttention } from "@/lib/admin/failed-charges-needing-attention";
import { getSetupChecklist } from "@/lib/admin/get-setup-checklist";
import { getRevenueByDay } from "@/lib/admin/revenue-by-day";
import { requireAdmin } from "@/lib/auth/guards";
import { getBillingHealth } from "@/lib/jobs/billing-health";
import { formatKRW } from "@/lib/format";
import { describeBusinessDetails } from "@/lib/merchant/missing-business-details";

export const metadata: Metadata = { title: "대시보드" };

const NUMBER = new Intl.NumberFormat("ko-KR");
const RANGES = [30, 90] as const;

const searchSchema = z.object({
  range: z.coerce
    .number()
    .pipe(z.union([z.literal(30), z.literal(90)]))
    .catch(30),
});

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// The subscriber counts the dashboard shows, each linking to its filtered list; the overdue
// ones take the card's alert tone while any subscription is in them.
const STATUS_CARDS: {
  status: "active" | "trialing" | "past_due" | "unpaid";
  label: string;
  alert?: "warning" | "danger";
}[] = [
  { status: "active", label: "이용 중" },
  { status: "trialing", label: "무료 체험 중" },
  { status: "past_due", label: "결제 재시도 중", alert: "warning" },
  { status: "unpaid", label: "미납 (이용 중지)", alert: "danger" },
];

export default async function AdminDashboardPage({ searchParams }: Props) {
  await requireAdmin({ callbackUrl: "/admin" });
  const raw = await searchParams;
  const { range } = searchSchema.parse({
    range: Array.isArray(raw.range) ? raw.range[0] : raw.range,
  });
  const now = new Date();
  const [stats, revenue, attention, health, checklist] = await Promise.all([
    getDashboardStats({ now }),
    getRevenueByDay({ days: range, now }),
    getFailedChargesNeedingAttention({ now, limit: 6 }),
    getBillingHealth({ now }),
    getSetupChecklist({ now }),
  ]);
  const byStatus = stats.subscriptionsByStatus;
  // Until everything is done the checklist comes first; afterwards it stays at the bottom as a
  // record of what was checked.
  const setupSection = (
    <CardSection
      id="setup-checklist"
      title="실결제 준비"
      description="실제 결제를 받기 전에 확인할 것들이에요. 지금 설정을 읽어서 보여줘요."
    >
      <SetupChecklist checklist={checklist} />
    </CardSection>
  );

  return (
    <div className="space-y-8">
      <PageHeader title="대시보드" description="구독 매출과 결제 현황을 한눈에 확인하세요." />

      {checklist.checkoutClosedFor.length > 0 && (
        <Alert tone="danger" title="지금은 고객이 구독을 시작할 수 없어요">
          <p>
            실결제 모드에서는 전자상거래법에 따른 사업자 정보를 모두 입력해야 결제를 받을 수 있어요.
            입력이 필요해요: {describeBusinessDetails(checklist.checkoutClosedFor)}.
          </p>
          <ButtonLink href="/admin/settings" size="sm" className="mt-3">
            사업자 정보 입력하기
          </ButtonLink>
        </Alert>
      )}

      {!checklist.complete && setupSection}

      <section aria-labelledby="figures-heading" className="space-y-3">
        <h2 id="figures-heading" className="sr-only">
          주요 지표
        </h2>
        <ul className="grid grid-cols-1 gap-3 xs:grid-cols-2 sm:gap-4 xl:grid-cols-4">
          <li className="xs:col-span-2 xl:col-span-1">
            <StatCard
              label="월 반복 매출 (MRR)"
              value={formatKRW(stats.mrr)}
              hint="이용 중·결제 재시도 중인 구독의 실제 결제 금액을 한 달 기준으로 환산한 합계"
            />
          </li>
          {STATUS_CARDS.map((card) => (
            <li key={card.status}>
              <StatCard
                label={card.label}
                value={NUMBER.format(byStatus[card.status])}
                tone={card.alert && byStatus[card.status] > 0 ? card.alert : "neutral"}
                href={`/admin/subscribers?status=${card.status}`}
                linkLabel="구독자 보기"
              />
            </li>
          ))}
          <li>
            <StatCard label="신규 구독 (30일)" value={NUMBER.format(stats.newLast30Days)} />
          </li>
          <li>
            <StatCard label="해지 (30일)" value={NUMBER.format(stats.churnedLast30Days)} />
          </li>
          <li>
            <StatCard
              label="판매 중인 요금제"
              value={NUMBER.format(stats.plans.active)}
              hint={
                stats.plans.archived > 0
                  ? `보관 ${NUMBER.format(stats.plans.archived)}개`
                  : undefined
              }
              href="/admin/plans"
              linkLabel="요금제 관리"
            />
          </li>
        </ul>
      </section>

      <CardSection
        title="일별 매출"
        description="성공한 결제에서 환불을 뺀 금액이에요. 날짜는 한국 시간 기준이에요."
        action={
          <nav aria-label="매출 기간" className="flex rounded-lg border border-border p-0.5">
            {RANGES.map((days) => (
              <Link
                key={days}
                href={days === 30 ? "/admin" : `/admin?range=${days}`}
                aria-current={days === range ? "page" : undefined}
                scroll={false}
                className={cx(
                  "inline-flex min-h-touch items-center rounded-md px-3 text-sm font-bold sm:min-h-9",
                  days === range
                    ? "bg-primary text-primary-foreground"
                    : "text-muted hover:text-foreground",
                )}
              >
                최근 {days}일
              </Link>
            ))}
          </nav>
        }
      >
        <RevenueChart series={revenue} label={`최근 ${range}일`} />
      </CardSection>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <CardSection
          title="확인이 필요한 결제"
          description="결과를 아직 모르는 결제와 최근 30일 동안 실패한 결제예요. 구독자 화면에서 다시 시도할 수 있어요."
        >
          <AttentionCharges data={attention} />
        </CardSection>
        <CardSection
          id="billing-health"
          title="정기결제 실행 상태"
          description="매시간 실행되는 정기결제 작업이에요."
        >
          <BillingHealthPanel health={health} now={now} />
        </CardSection>
      </div>

      {checklist.complete && setupSection}
    </div>
  );
}
