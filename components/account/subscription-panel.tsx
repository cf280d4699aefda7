import Link from "next/link";
import { SubscriptionStatusBadge } from "@/components/subscriptions/subscription-status-badge";
import type { FormAction } from "@/lib/forms/form-result";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button-link";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { ChargeAttempt } from "@/lib/db/schema";
import { formatKRW, formatPlanPrice, formatSeoulDate, formatTaxNote } from "@/lib/format";
import type { NextRenewal } from "@/lib/subscriptions/next-renewal";
import type { MethodSummary } from "@/lib/payment-methods/find-own-method";
import type { AccountOverview } from "@/lib/subscriptions/account-overview";
import { ActionButton } from "./action-button";
import { CancelSubscriptionDialog } from "./cancel-subscription-dialog";
import { ChangeMethodDialog, RegisterMethodDialog } from "./change-method-dialog";
import { DetailRow } from "./detail-row";

export type LiveSubscription = NonNullable<AccountOverview["subscription"]>;

const linkClasses = "font-bold text-primary underline underline-offset-4 hover:no-underline";

/** When a subscription that will not renew stops: its paid period's end, or its trial's. */
export function accessEndsAt(subscription: LiveSubscription): Date | null {
  return subscription.status === "trialing"
    ? subscription.trialEnd
    : (subscription.currentPeriodEnd ?? subscription.trialEnd);
}

// What the panel and its status notice both take besides the subscription.
type PanelContext = {
  method: MethodSummary | null;
  pendingMethod: MethodSummary | null;
  /** The latest charge attempt of this subscription, if any. */
  lastCharge: ChargeAttempt | null;
  actions: SubscriptionActions;
  consentText: string;
};

function StatusNotice({
  subscription,
  method,
  pendingMethod,
  lastCharge,
  actions,
  consentText,
}: PanelContext & { subscription: LiveSubscription }) {
  const ends = accessEndsAt(subscription);
  switch (subscription.status) {
    case "incomplete": {
      if (lastCharge?.status === "failed") {
        return (
          <Alert tone="danger" title="첫 결제에 실패했어요">
            <p>{lastCharge.customerMessage ?? "결제가 승인되지 않았어요."}</p>
            <p className="mt-1 text-muted">
              구독은 아직 시작되지 않았어요. 다시 결제하거나 다른 결제수단을 등록해 주세요.
            </p>
            <div className="mt-3 flex flex-wrap gap-2">
              {method && (
                <ActionButton
                  action={actions.retryCharge}
                  hiddenFields={{ methodId: method.id }}
                  label="다시 결제 시도"
                  loadingLabel="다시 결제하는 중"
                  size="sm"
                />
              )}
              <ChangeMethodDialog
                triggerLabel="다른 결제수단으로 다시 등록"
                title="다른 결제수단으로 다시 등록"
                consentText={consentText}
                action={actions.startNewRegistration}
              >
                <p>토스 앱에서 다른 카드나 계좌를 등록하면 바로 첫 결제를 다시 진행해요.</p>
              </ChangeMethodDialog>
            </div>
          </Alert>
        );
      }
      return (
        <Alert tone="info" title="결제수단 등록을 마치지 않았어요">
          <p>
            토스 앱에서 결제수단을 승인하면 구독이 시작돼요.{" "}
            {pendingMethod ? (
              <Link href={`/payment-methods/${pendingMethod.id}`} className={linkClasses}>
                이어서 등록하기
              </Link>
            ) : (
              <Link
                href={`/subscribe/${encodeURIComponent(subscription.plan.slug)}`}
                className={linkClasses}
              >
                다시 등록하기
              </Link>
            )}
          </p>
        </Alert>
      );
    }
    case "past_due":
      return (
        <Alert tone="warning" title="결제에 실패해서 다시 시도하고 있어요">
          <p>
            {subscription.nextChargeAt
              ? `${formatSeoulDate(subscription.nextChargeAt)}에 다시 결제를 시도해요. `
              : ""}
            결제수단을 바꾸면 바로 다시 결제해요.
          </p>
        </Alert>
      );
    case "unpaid":
      return (
        <Alert tone="danger" title="결제가 밀려 구독이 멈췄어요">
          <p>새 결제수단을 등록하면 바로 결제하고 다시 이용할 수 있어요.</p>
        </Alert>
      );
    case "trialing":
    case "active":
      if (!subscription.cancelAtPeriodEnd) return null;
      return (
        <Alert tone="warning" title="해지 예정이에요">
          <p>
            {ends ? `${formatSeoulDate(ends)}까지 이용할 수 있고, ` : ""}그 뒤로는 결제되지 않아요.
            마음이 바뀌면 그 전에 해지를 취소할 수 있어요.
          </p>
          <div className="mt-3">
            <ActionButton
              action={actions.resume}
              label="해지 취소하고 계속 이용하기"
              loadingLabel="해지를 취소하는 중"
              size="sm"
            />
          </div>
        </Alert>
      );
    case "canceled":
      return null;
  }
}

export type SubscriptionActions = {
  cancel: FormAction;
  resume: FormAction;
  retryCharge: FormAction;
  startNewRegistration: FormAction;
};

/** The customer's subscription: plan, state, dates and money, and what they can do with it. */
export function SubscriptionPanel({
  subscription,
  nextRenewal,
  ...context
}: PanelContext & {
  subscription: AccountOverview["subscription"];
  /** What the coming renewal will do, as the engine decides it (describeNextRenewal). */
  nextRenewal: NextRenewal;
}) {
  if (!subscription || subscription.status === "canceled") {
    return (
      <CardSection title="구독 중인 요금제">
        <EmptyState
          title={subscription ? "구독이 해지됐어요" : "구독 중인 요금제가 없어요"}
          description={
            subscription
              ? `${subscription.plan.name} 구독이 ${formatSeoulDate(subscription.endedAt ?? subscription.updatedAt)}에 끝났어요. 다시 구독하려면 요금제를 골라 주세요.`
              : "요금제를 고르고 토스페이로 결제수단을 등록하면 구독이 시작돼요."
          }
          action={<ButtonLink href="/pricing">요금제 보기</ButtonLink>}
        />
      </CardSection>
    );
  }

  const { plan } = subscription;
  const price = formatPlanPrice({
    amount: subscription.priceAmount,
    interval: plan.interval,
    intervalCount: plan.intervalCount,
  });
  const ends = accessEndsAt(subscription);
  const canWaitForPeriodEnd =
    subscription.status === "active" || subscription.status === "trialing";

  return (
    <CardSection
      title="구독 중인 요금제"
      action={
        <div className="flex flex-wrap items-center gap-2">
          <SubscriptionStatusBadge status={subscription.status} />
          {nextRenewal.kind === "no_method" && <Badge tone="warning">결제수단 필요</Badge>}
          {subscription.cancelAtPeriodEnd && <Badge tone="warning">해지 예정</Badge>}
        </div>
      }
    >
      <div className="space-y-5">
        <div>
          <h3 className="text-xl font-bold">{plan.name}</h3>
          <p className="mt-1 text-muted">
            {price} ·{" "}
            {formatTaxNote({
              amount: subscription.priceAmount,
              amountTaxFree: subscription.priceAmountTaxFree,
            })}
          </p>
        </div>

        <StatusNotice subscription={subscription} {...context} />

        {/* In the plan card, above the dates: on a phone the warning is the first thing read. */}
        {nextRenewal.kind === "no_method" && (
          <Alert tone="warning" title="결제수단이 필요해요">
            <p>
              {formatSeoulDate(nextRenewal.at)}에 {formatKRW(nextRenewal.amount)}을 결제할
              결제수단이 없어요. 그 전에 등록하지 않으면 결제에 실패하고 구독이 멈출 수 있어요.
            </p>
            <div className="mt-3">
              <RegisterMethodDialog
                consentText={context.consentText}
                action={context.actions.startNewRegistration}
              >
                <p>카드나 계좌를 등록하면 다음 결제부터 그 결제수단으로 결제돼요.</p>
              </RegisterMethodDialog>
            </div>
          </Alert>
        )}

        <dl className="divide-y divide-border border-y border-border">
          {subscription.status === "trialing" && subscription.trialEnd && (
            <DetailRow term="무료 체험">
              {formatSeoulDate(subscription.trialEnd)}까지
              {nextRenewal.kind === "ends" &&
                nextRenewal.reason === "trial_not_converted" &&
                " · 체험이 끝나면 결제 없이 구독이 끝나요"}
            </DetailRow>
          )}
          {subscription.status === "active" &&
            subscription.currentPeriodStart &&
            subscription.currentPeriodEnd && (
              <DetailRow term="이용 기간">
                {formatSeoulDate(subscription.currentPeriodStart)} ~{" "}
                {formatSeoulDate(subscription.currentPeriodEnd)}
              </DetailRow>
            )}
          {nextRenewal.kind === "ends" &&
            nextRenewal.reason === "trial_not_converted" &&
            nextRenewal.ifAccepted !== null && (
              <DetailRow term="유료 전환">
                동의하면 {formatSeoulDate(nextRenewal.at)}에 {formatKRW(nextRenewal.ifAccepted)}이
                결제되고 구독이 이어져요
              </DetailRow>
            )}
          {nextRenewal.kind === "charge" && (
            <DetailRow term="다음 결제">
              {formatSeoulDate(nextRenewal.at)} · {formatKRW(nextRenewal.amount)}
              {nextRenewal.newPlanName && ` (${nextRenewal.newPlanName} 요금제)`}
              {nextRenewal.note === "price_rise_asked" && " (요금 인상 동의를 기다리고 있어요)"}
            </DetailRow>
          )}
          {nextRenewal.kind === "no_method" && (
            <DetailRow term="다음 결제">
              {formatSeoulDate(nextRenewal.at)} · 결제수단이 없어 결제할 수 없어요. 새 결제수단을
              등록해 주세요.
            </DetailRow>
          )}
          {nextRenewal.kind === "ends" && nextRenewal.reason !== "trial_not_converted" && (
            <DetailRow term="구독 종료 예정">
              {formatSeoulDate(nextRenewal.at)} ·{" "}
              {nextRenewal.reason === "price_rise_declined"
                ? "요금 인상에 동의하지 않아 결제 없이 끝나요"
                : "요금 인상에 동의하지 않으면 결제 없이 끝나요"}
              {nextRenewal.ifAccepted !== null &&
                ` (동의하면 ${formatKRW(nextRenewal.ifAccepted)}에 계속 이용할 수 있어요)`}
            </DetailRow>
          )}
          {subscription.status === "past_due" && subscription.nextChargeAt && (
            <DetailRow term="다음 결제 시도">
              {formatSeoulDate(subscription.nextChargeAt)} · {formatKRW(subscription.priceAmount)}
            </DetailRow>
          )}
          {subscription.cancelAtPeriodEnd && ends && (
            <DetailRow term="해지 예정일">{formatSeoulDate(ends)} · 이후 결제 없음</DetailRow>
          )}
          {subscription.pendingPlan && (
            <DetailRow term="요금제 변경 예정">
              다음 결제일부터 {subscription.pendingPlan.name} (
              {formatPlanPrice(subscription.pendingPlan)})
            </DetailRow>
          )}
        </dl>

        <div className="flex flex-wrap gap-2">
          {!subscription.cancelAtPeriodEnd && (
            <CancelSubscriptionDialog
              action={context.actions.cancel}
              planName={plan.name}
              endsAt={canWaitForPeriodEnd ? ends : null}
              trialing={subscription.status === "trialing"}
            />
          )}
          {/* 청약철회 and refunds: every way to end it, with the amounts (app/(account)/account/cancel). */}
          <ButtonLink href="/account/cancel" variant="ghost">
            해지·환불 방법 보기
          </ButtonLink>
        </div>
      </div>
    </CardSection>
  );
}
