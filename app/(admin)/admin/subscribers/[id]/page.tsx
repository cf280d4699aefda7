import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BackLinkHeader } from "@/components/admin/back-link-header";
import { FactList } from "@/components/admin/fact-list";
import { CARD_TYPE, labelOf, METHOD_STATUS, PROVIDER } from "@/components/admin/subscribers/labels";
import { StatusBadge } from "@/components/admin/subscribers/status-badge";
import { SubscriberActions } from "@/components/admin/subscribers/subscriber-actions";
import { SubscriberTimeline } from "@/components/admin/subscribers/subscriber-timeline";
import { SubscriptionStatusBadge } from "@/components/subscriptions/subscription-status-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import { getSubscriberDetail } from "@/lib/admin/get-subscriber-detail";
import { getSubscriberTimeline } from "@/lib/admin/get-subscriber-timeline";
import { requireAdmin } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { ServiceUseSection } from "./service-use-section";
import {
  formatKRW,
  formatPlanPrice,
  formatSeoulDate,
  formatSeoulDateTime,
  nextSeoulDay,
  seoulDateKey,
} from "@/lib/format";
import {
  cancelSubscriptionAction,
  grantFreePeriodAction,
  moveBillingDateAction,
  resumeSubscriptionAction,
  retryChargeAction,
} from "./actions";

export const metadata: Metadata = { title: "구독자 상세" };

const DAY_MS = 24 * 60 * 60 * 1000;
const SPAN: Record<string, string> = { day: "일", week: "주", month: "개월", year: "년" };

type Props = { params: Promise<{ id: string }> };

export default async function SubscriberDetailPage({ params }: Props) {
  const { id } = await params;
  await requireAdmin({ callbackUrl: `/admin/subscribers/${encodeURIComponent(id)}` });
  const subscriptionId = z.uuid().safeParse(id);
  if (!subscriptionId.success) notFound();
  const [detail, timeline] = await Promise.all([
    getSubscriberDetail(subscriptionId.data),
    getSubscriberTimeline(subscriptionId.data),
  ]);
  if (!detail) notFound();
  const { subscription: sub, customer, plan, method } = detail;
  const now = new Date();
  const price = formatPlanPrice({
    amount: sub.priceAmount,
    interval: plan.interval,
    intervalCount: plan.intervalCount,
  });

  return (
    <div className="space-y-8">
      <BackLinkHeader
        back={{ href: "/admin/subscribers", label: "구독자 목록" }}
        title={customer.name ?? customer.email}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {customer.name && <span className="break-all">{customer.email}</span>}
            <SubscriptionStatusBadge status={sub.status} />
            {sub.cancelAtPeriodEnd && <Badge tone="warning">해지 예약</Badge>}
          </span>
        }
      />

      {detail.liveAttempt && (
        <Alert tone="warning" title="결제 결과를 확인하고 있어요">
          주문번호 {detail.liveAttempt.orderId}의 결과를 결제사에 조회하는 중이에요. 결과가 나오면
          이 화면에 반영돼요.
        </Alert>
      )}

      <CardSection title="관리" description="모든 작업은 확인을 거쳐 실행되고 감사 로그에 남아요.">
        <SubscriberActions
          subscription={{
            id: sub.id,
            status: sub.status,
            cancelAtPeriodEnd: sub.cancelAtPeriodEnd,
            periodEndLabel: sub.currentPeriodEnd ? formatSeoulDate(sub.currentPeriodEnd) : null,
            nextChargeLabel: sub.nextChargeAt ? formatSeoulDateTime(sub.nextChargeAt) : null,
            priceLabel: price,
            intervalLabel: `${plan.intervalCount}${SPAN[plan.interval] ?? plan.interval}`,
          }}
          chargeInFlight={detail.liveAttempt !== null}
          minDate={nextSeoulDay(now)}
          maxDate={seoulDateKey(new Date(now.getTime() + 366 * DAY_MS))}
          actions={{
            cancel: cancelSubscriptionAction,
            resume: resumeSubscriptionAction,
            retry: retryChargeAction,
            moveDate: moveBillingDateAction,
            grant: grantFreePeriodAction,
          }}
        />
      </CardSection>

      <ServiceUseSection
        subscription={sub}
        policy={(await getMerchantSettings()).withdrawalUsePolicy}
      />

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
        <CardSection title="구독">
          <FactList
            strong
            items={[
              [
                "요금제",
                <Link
                  key="p"
                  href={`/admin/plans/${plan.id}`}
                  className="text-primary hover:underline"
                >
                  {plan.name}
                </Link>,
              ],
              ["결제 금액", price],
              sub.priceAmount !== plan.amount && [
                "요금제 현재 가격",
                <span key="c" className="font-normal text-muted">
                  {formatPlanPrice(plan)} (이 구독자는 {formatKRW(sub.priceAmount)}을 유지 중)
                </span>,
              ],
              detail.pendingPlan && ["예약된 변경", `${detail.pendingPlan.name} (다음 결제일부터)`],
              sub.trialEnd && ["체험 종료", formatSeoulDateTime(sub.trialEnd)],
              sub.currentPeriodStart &&
                sub.currentPeriodEnd && [
                  "현재 이용 기간",
                  `${formatSeoulDate(sub.currentPeriodStart)} ~ ${formatSeoulDate(sub.currentPeriodEnd)}`,
                ],
              ["다음 결제", sub.nextChargeAt ? formatSeoulDateTime(sub.nextChargeAt) : "없음"],
              sub.periodNumber > 0 && ["결제 회차", `${sub.periodNumber}회`],
              sub.dunningAttempts > 0 && ["실패한 시도", `${sub.dunningAttempts}회`],
              sub.canceledAt && ["해지 요청", formatSeoulDateTime(sub.canceledAt)],
              sub.endedAt && ["종료", formatSeoulDateTime(sub.endedAt)],
              sub.cancellationReason && ["해지 사유", sub.cancellationReason],
              ["구독 시작", formatSeoulDateTime(sub.createdAt)],
            ]}
          />
        </CardSection>

        <div className="space-y-6">
          <CardSection title="결제수단">
            {method ? (
              <FactList
                strong
                items={[
                  ["결제사", labelOf(PROVIDER, method.provider)],
                  ["상태", <StatusBadge key="s" badges={METHOD_STATUS} status={method.status} />],
                  method.cardCompany && [
                    "카드",
                    `${method.cardCompany}${method.cardMethodType ? ` ${CARD_TYPE[method.cardMethodType] ?? ""}` : ""}`,
                  ],
                  method.cardNumberMasked && ["카드 번호", method.cardNumberMasked],
                  method.bankName && [
                    "계좌",
                    `${method.bankName} ${method.accountNumberMasked ?? ""}`,
                  ],
                  method.activatedAt && ["등록", formatSeoulDateTime(method.activatedAt)],
                  method.removedAt && ["삭제", formatSeoulDateTime(method.removedAt)],
                ]}
              />
            ) : (
              <p className="text-sm text-muted">연결된 결제수단이 없어요.</p>
            )}
          </CardSection>

          <CardSection title="고객">
            <FactList
              strong
              items={[
                ["이메일", customer.email],
                ["이름", customer.name ?? "—"],
                ["가입", formatSeoulDateTime(customer.createdAt)],
              ]}
            />
            {detail.otherSubscriptions.length > 0 && (
              <div className="mt-4 space-y-2">
                <h3 className="text-sm font-bold">이 고객의 다른 구독</h3>
                <ul className="space-y-1 text-sm">
                  {detail.otherSubscriptions.map((other) => (
                    <li key={other.id} className="flex flex-wrap items-center gap-2">
                      <Link
                        href={`/admin/subscribers/${other.id}`}
                        className="text-primary hover:underline"
                      >
                        {other.planName} · {formatSeoulDate(other.createdAt)}
                      </Link>
                      <SubscriptionStatusBadge status={other.status} />
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </CardSection>
        </div>
      </div>

      <CardSection
        title="기록"
        description="상태 변화, 결제와 결제사 응답, 환불, 동의, 알림을 최신순으로 보여줘요."
      >
        <SubscriberTimeline entries={timeline} />
      </CardSection>
    </div>
  );
}
