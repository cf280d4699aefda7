import type { Metadata } from "next";
import Link from "next/link";
import { SubscriptionStatusBadge } from "@/components/subscriptions/subscription-status-badge";
import { Card, CardSection } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { requireAdmin } from "@/lib/auth/guards";
import { subscriptionStatus } from "@/lib/db/schema";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "대시보드" };

const NUMBER = new Intl.NumberFormat("ko-KR");

export default async function AdminDashboardPage() {
  await requireAdmin({ callbackUrl: "/admin" });
  const stats = await getDashboardStats();
  const byStatus = stats.subscriptionsByStatus;

  // "Subscribers" are those with access: paying, in a trial, or in the dunning grace period.
  const headline = [
    { label: "이용 중인 구독자", value: byStatus.active + byStatus.trialing + byStatus.past_due },
    { label: "무료 체험 중", value: byStatus.trialing },
    { label: "결제 재시도 중", value: byStatus.past_due },
    { label: "판매 중인 요금제", value: stats.plans.active, href: "/admin/plans" },
  ];

  return (
    <div className="space-y-8">
      <PageHeader title="대시보드" description="구독과 요금제 현황을 한눈에 확인하세요." />

      <ul className="grid grid-cols-2 gap-3 sm:gap-4 xl:grid-cols-4">
        {headline.map((item) => (
          <li key={item.label}>
            <Card className="h-full p-4 sm:p-5">
              <p className="text-sm font-bold text-muted">{item.label}</p>
              <p className="mt-2 text-2xl font-bold tabular-nums sm:text-3xl">
                {NUMBER.format(item.value)}
              </p>
              {item.href && (
                <Link
                  href={item.href}
                  className="mt-1 inline-flex min-h-touch items-center text-sm font-bold text-primary hover:underline"
                >
                  요금제 관리
                </Link>
              )}
            </Card>
          </li>
        ))}
      </ul>

      <CardSection title="상태별 구독" description="보관된 요금제의 구독도 함께 세요.">
        <Table caption="상태별 구독 수" captionHidden tableClassName="min-w-0">
          <THead>
            <TR>
              <TH>상태</TH>
              <TH className="text-right">구독 수</TH>
            </TR>
          </THead>
          <TBody>
            {subscriptionStatus.enumValues.map((status) => (
              <TR key={status}>
                <TD>
                  <SubscriptionStatusBadge status={status} />
                </TD>
                <TD className="text-right tabular-nums">{NUMBER.format(byStatus[status])}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </CardSection>
    </div>
  );
}
