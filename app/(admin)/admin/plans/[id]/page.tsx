import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BackLinkHeader } from "@/components/admin/back-link-header";
import { PlanForm } from "@/components/admin/plans/plan-form";
import { PlanStatusActions } from "@/components/admin/plans/plan-status-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardSection } from "@/components/ui/card";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import {
  getPlanForAdmin,
  listPlanPrices,
  listPlansForAdmin,
} from "@/lib/admin/list-plans-for-admin";
import { requireAdmin } from "@/lib/auth/guards";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import {
  archivePlanAction,
  deletePlanAction,
  unarchivePlanAction,
  updatePlanAction,
} from "../actions";

export const metadata: Metadata = { title: "요금제 수정" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function EditPlanPage({ params, searchParams }: Props) {
  const { id } = await params;
  await requireAdmin({ callbackUrl: `/admin/plans/${encodeURIComponent(id)}` });
  const planId = z.uuid().safeParse(id);
  if (!planId.success) notFound();
  const [plan, prices, all, settings, { created }] = await Promise.all([
    getPlanForAdmin(planId.data),
    listPlanPrices(planId.data),
    listPlansForAdmin(),
    getMerchantSettings(),
    searchParams,
  ]);
  if (!plan) notFound();
  const usage = all.find((p) => p.id === plan.id);
  const live = usage?.liveSubscriptions ?? 0;
  const total = usage?.totalSubscriptions ?? 0;

  return (
    <div className="space-y-8">
      <BackLinkHeader
        back={{ href: "/admin/plans", label: "요금제 목록" }}
        title={plan.name}
        description={
          <>
            구독 중 {live.toLocaleString("ko-KR")}명 · 누적 {total.toLocaleString("ko-KR")}명{" "}
            {plan.status === "active" ? (
              <Badge tone="success">판매 중</Badge>
            ) : (
              <Badge>보관됨</Badge>
            )}
          </>
        }
        actions={
          <PlanStatusActions
            plan={{
              id: plan.id,
              name: plan.name,
              status: plan.status,
              liveSubscriptions: live,
              deletable: total === 0,
            }}
            archiveAction={archivePlanAction}
            unarchiveAction={unarchivePlanAction}
            deleteAction={deletePlanAction}
          />
        }
      />
      {created === "1" && (
        <Alert tone="success">요금제를 만들었어요. 요금제 페이지에 보여요.</Alert>
      )}

      <Card className="p-5 sm:p-6">
        <PlanForm
          action={updatePlanAction}
          plan={plan}
          intervalLocked={total > 0}
          consentFallback={settings.consentFallbackPolicy}
        />
      </Card>

      <CardSection
        title="가격 기록"
        description="가격이 바뀔 때마다 남아요. 영수증과 동의 기록이 이 기록을 따라요."
      >
        {prices.length === 0 ? (
          <p className="text-sm text-muted">기록이 없어요.</p>
        ) : (
          <Table caption="요금제 가격 기록" captionHidden tableClassName="min-w-[28rem]">
            <THead>
              <TR>
                <TH>적용 시작</TH>
                <TH className="text-right">가격</TH>
                <TH className="text-right">면세</TH>
                <TH>변경한 관리자</TH>
              </TR>
            </THead>
            <TBody>
              {prices.map((price) => (
                <TR key={price.id}>
                  <TD>{formatSeoulDateTime(price.effectiveFrom)}</TD>
                  <TD className="whitespace-nowrap text-right font-bold tabular-nums">
                    {formatKRW(price.amount)}
                  </TD>
                  <TD className="whitespace-nowrap text-right tabular-nums">
                    {formatKRW(price.amountTaxFree)}
                  </TD>
                  <TD className="text-muted">{price.createdByEmail ?? "—"}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </CardSection>
    </div>
  );
}
