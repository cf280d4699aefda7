import type { Metadata } from "next";
import Link from "next/link";
import { PlanStatusActions } from "@/components/admin/plans/plan-status-actions";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button-link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { listPlansForAdmin, type AdminPlanRow } from "@/lib/admin/list-plans-for-admin";
import { requireAdmin } from "@/lib/auth/guards";
import { formatPlanPrice, formatTrial } from "@/lib/format";
import {
  archivePlanAction,
  deletePlanAction,
  movePlanAction,
  unarchivePlanAction,
} from "./actions";

export const metadata: Metadata = { title: "요금제" };

const NUMBER = new Intl.NumberFormat("ko-KR");

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AdminPlansPage({ searchParams }: Props) {
  await requireAdmin({ callbackUrl: "/admin/plans" });
  const { deleted } = await searchParams;
  const plans = await listPlansForAdmin();

  return (
    <div className="space-y-8">
      <PageHeader
        title="요금제"
        description="요금제 페이지에 보이는 순서대로예요. 보관한 요금제는 새로 구독할 수 없지만 기존 구독은 계속돼요."
        actions={<ButtonLink href="/admin/plans/new">새 요금제</ButtonLink>}
      />
      {deleted === "1" && <Alert tone="success">요금제를 삭제했어요.</Alert>}

      {plans.length === 0 ? (
        <EmptyState
          title="요금제가 없어요"
          description="첫 요금제를 만들면 요금제 페이지에 보여요."
          action={<ButtonLink href="/admin/plans/new">새 요금제</ButtonLink>}
        />
      ) : (
        <>
          {/* Phones: one card per plan; wider screens: the table. */}
          <ul className="space-y-3 md:hidden" aria-label="요금제 목록">
            {plans.map((plan, index) => (
              <li
                key={plan.id}
                className="space-y-3 rounded-card border border-border bg-surface p-4 shadow-card"
              >
                <div className="flex items-start justify-between gap-3">
                  <PlanName plan={plan} />
                  <PlanStatusBadge status={plan.status} />
                </div>
                <p className="text-sm">
                  <span className="font-bold tabular-nums">{formatPlanPrice(plan)}</span>
                  {plan.trialDays > 0 && (
                    <span className="text-muted"> · {formatTrial(plan.trialDays)}</span>
                  )}
                </p>
                <p className="text-sm text-muted">
                  구독 중{" "}
                  <Link
                    href={`/admin/subscribers?plan=${plan.id}`}
                    className="font-bold text-primary hover:underline"
                  >
                    {NUMBER.format(plan.liveSubscriptions)}명
                  </Link>{" "}
                  · 누적 {NUMBER.format(plan.totalSubscriptions)}명
                </p>
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <MoveButtons plan={plan} index={index} count={plans.length} />
                  <PlanRowActions plan={plan} />
                </div>
              </li>
            ))}
          </ul>

          <Table
            caption="요금제 목록"
            captionHidden
            className="hidden md:block"
            tableClassName="min-w-[52rem]"
          >
            <THead>
              <TR>
                <TH className="w-24">순서</TH>
                <TH>요금제</TH>
                <TH>가격</TH>
                <TH>상태</TH>
                <TH className="text-right">구독 중</TH>
                <TH className="text-right">누적</TH>
                <TH>
                  <span className="sr-only">관리</span>
                </TH>
              </TR>
            </THead>
            <TBody>
              {plans.map((plan, index) => (
                <TR key={plan.id}>
                  <TD>
                    <MoveButtons plan={plan} index={index} count={plans.length} />
                  </TD>
                  <TD>
                    <PlanName plan={plan} />
                  </TD>
                  <TD className="whitespace-nowrap">
                    <span className="font-bold tabular-nums">{formatPlanPrice(plan)}</span>
                    {plan.trialDays > 0 && (
                      <p className="text-xs text-muted">{formatTrial(plan.trialDays)}</p>
                    )}
                  </TD>
                  <TD>
                    <PlanStatusBadge status={plan.status} />
                  </TD>
                  <TD className="text-right tabular-nums">
                    <Link
                      href={`/admin/subscribers?plan=${plan.id}`}
                      className="text-primary hover:underline"
                      aria-label={`${plan.name} 구독자 ${plan.liveSubscriptions}명 보기`}
                    >
                      {NUMBER.format(plan.liveSubscriptions)}
                    </Link>
                  </TD>
                  <TD className="text-right tabular-nums">
                    {NUMBER.format(plan.totalSubscriptions)}
                  </TD>
                  <TD>
                    <PlanRowActions plan={plan} />
                  </TD>
                </TR>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </div>
  );
}

function PlanName({ plan }: { plan: AdminPlanRow }) {
  return (
    <div className="min-w-0">
      <Link href={`/admin/plans/${plan.id}`} className="font-bold text-primary hover:underline">
        {plan.name}
      </Link>
      <p className="text-xs text-muted">/subscribe/{plan.slug}</p>
    </div>
  );
}

function PlanStatusBadge({ status }: { status: AdminPlanRow["status"] }) {
  return status === "active" ? <Badge tone="success">판매 중</Badge> : <Badge>보관됨</Badge>;
}

function PlanRowActions({ plan }: { plan: AdminPlanRow }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <ButtonLink href={`/admin/plans/${plan.id}`} size="sm" variant="secondary">
        수정<span className="sr-only"> ({plan.name})</span>
      </ButtonLink>
      <PlanStatusActions
        plan={{
          id: plan.id,
          name: plan.name,
          status: plan.status,
          liveSubscriptions: plan.liveSubscriptions,
          deletable: plan.totalSubscriptions === 0,
        }}
        archiveAction={archivePlanAction}
        unarchiveAction={unarchivePlanAction}
        deleteAction={deletePlanAction}
      />
    </div>
  );
}

/** ▲/▼: plain forms, so reordering works without JavaScript. */
function MoveButtons({ plan, index, count }: { plan: AdminPlanRow; index: number; count: number }) {
  return (
    <div className="flex gap-1">
      {(["up", "down"] as const).map((direction) => {
        const disabled = direction === "up" ? index === 0 : index === count - 1;
        return (
          <form key={direction} action={movePlanAction}>
            <input type="hidden" name="planId" value={plan.id} />
            <input type="hidden" name="direction" value={direction} />
            <button
              type="submit"
              disabled={disabled}
              aria-label={`${plan.name} ${direction === "up" ? "위로" : "아래로"}`}
              className="inline-flex size-9 items-center justify-center rounded-lg border border-border text-sm hover:bg-surface-muted disabled:opacity-30 [@media(pointer:coarse)]:size-touch"
            >
              <span aria-hidden="true">{direction === "up" ? "▲" : "▼"}</span>
            </button>
          </form>
        );
      })}
    </div>
  );
}
