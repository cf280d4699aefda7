import type { Metadata } from "next";
import { CancellationChoices } from "@/components/cancellation/cancellation-choices";
import { CancellationResultCard } from "@/components/cancellation/cancellation-result-card";
import { ButtonLink } from "@/components/ui/button-link";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { formatPlanPrice } from "@/lib/format";
import { cancellationOptions } from "@/lib/refunds/cancellation-options";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import { latestCancellationResult } from "@/lib/subscriptions/cancellation-result";
import { cancelAtPeriodEnd } from "../actions";
import { cancelNowRefund, withdraw } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "구독 해지", robots: { index: false } };

export default async function CancelSubscriptionPage() {
  const user = await requireUser({ callbackUrl: "/account/cancel" });
  const { subscription } = await getAccountOverview(user.id);
  const live = subscription && subscription.status !== "canceled" ? subscription : null;

  if (!live) {
    const result = await latestCancellationResult(user.id);
    return (
      <Frame>
        {result ? (
          <CancellationResultCard result={result} />
        ) : (
          <EmptyState
            title="이용 중인 구독이 없어요"
            description="해지할 구독이 없어요."
            action={<ButtonLink href="/account">내 구독으로 가기</ButtonLink>}
          />
        )}
      </Frame>
    );
  }

  const options = await cancellationOptions(live);
  const canWait = live.status === "active" || live.status === "trialing";
  const endsAt = canWait
    ? live.status === "trialing"
      ? live.trialEnd
      : live.currentPeriodEnd
    : null;
  return (
    <Frame
      description={`${live.plan.name} · ${formatPlanPrice({ amount: live.priceAmount, interval: live.plan.interval, intervalCount: live.plan.intervalCount })}. 해지 방법에 따라 이용 기간과 환불 금액이 달라요.`}
    >
      <CancellationChoices
        subscriptionId={live.id}
        planName={live.plan.name}
        withdrawal={options.withdrawal}
        cancelNow={options.cancelNow}
        periodEnd={{
          endsAt,
          trialing: live.status === "trialing",
          alreadyScheduled: live.cancelAtPeriodEnd,
        }}
        actions={{ withdraw, cancelNowRefund, cancelAtPeriodEnd }}
      />
    </Frame>
  );
}

function Frame({ description, children }: { description?: string; children: React.ReactNode }) {
  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-3xl space-y-8">
        <PageHeader title="구독 해지" description={description} />
        {children}
      </div>
    </Container>
  );
}
