import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PlanSummary } from "@/components/payment-methods/plan-summary";
import { choiceButtonLabels } from "@/components/payment-methods/choice-button-labels";
import { MethodChoiceField } from "@/components/payment-methods/method-choice";
import { methodChoices } from "@/components/payment-methods/method-choices";
import { RecurringConsentForm } from "@/components/payment-methods/recurring-consent-form";
import { LegalLinks } from "@/components/legal/legal-links";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button-link";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { instrumental } from "@/lib/admin/korean-particles";
import { requireAgreedUser } from "@/lib/auth/require-agreed-user";
import { db } from "@/lib/db/client";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { detailsBlockingCheckout } from "@/lib/merchant/require-business-details";
import { paymentMode } from "@/lib/payments/mode";
import { getPlanBySlug } from "@/lib/plans/queries";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import { checkoutConsentByChoice } from "@/lib/subscriptions/checkout-consent";
import { startSubscription } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "구독하기", robots: { index: false } };

const paramsSchema = z.object({ slug: z.string().min(1).max(100) });

// Toss Pay alone: the customer approves in the Toss app (today's flow, unchanged).
const APP_STEPS = [
  "아래 자동결제 내용에 동의하고 등록 버튼을 눌러요.",
  "토스 앱에서 카드나 계좌를 고르고 승인해요.",
  "승인되면 이 사이트로 돌아와 구독이 시작돼요.",
];

const CHOICE_STEPS = [
  "결제수단을 고르고 아래 자동결제 내용에 동의해요.",
  "결제창이나 토스 앱에서 카드나 계좌를 등록해요.",
  "등록되면 이 사이트로 돌아와 구독이 시작돼요.",
];

export default async function SubscribePage({ params }: { params: Promise<{ slug: string }> }) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const { slug } = parsed.data;

  // A dead link is a 404 for everyone; only a real plan asks the visitor to sign in.
  const plan = await getPlanBySlug(slug);
  if (!plan) notFound();
  // The consent step first for a customer who has not agreed to the current terms.
  const user = await requireAgreedUser({ callbackUrl: `/subscribe/${encodeURIComponent(slug)}` });
  const [{ subscription, pendingMethod }, settings] = await Promise.all([
    getAccountOverview(user.id),
    getMerchantSettings(),
  ]);
  // A live store without its 전자상거래법 details says so here rather than after the customer
  // has consented; startCheckout refuses as well, whatever the page showed.
  const closed = detailsBlockingCheckout(settings, paymentMode()).length > 0;
  // One live subscription per customer; an unfinished (incomplete) one is simply re-pointed
  // at this plan by startCheckout.
  const live =
    subscription && subscription.status !== "canceled" && subscription.status !== "incomplete"
      ? subscription
      : null;
  const unfinished =
    subscription?.status === "incomplete" && pendingMethod ? { subscription, pendingMethod } : null;
  // The providers and kinds the merchant enabled, in their order; a choice only when several.
  const choices = methodChoices(settings.enabledProviders);
  const only = choices.length === 1 ? choices[0] : undefined;
  const tossPayOnly = only?.provider === "toss_pay";
  // What the agreement says for each choice: amount, first and later charge days, the method.
  const consent = await checkoutConsentByChoice(db(), {
    userId: user.id,
    plan,
    choices,
    now: new Date(),
  });
  const initialChoice = choices[0]?.value;

  return (
    <Container size="narrow" className="space-y-8 py-12 sm:py-16">
      <PageHeader
        eyebrow="구독하기"
        title={`${plan.name} 구독`}
        description={`${only ? `${only.providerLabel}${instrumental(only.providerLabel)} ` : ""}결제수단을 한 번 등록하면 결제일마다 자동으로 결제돼요.`}
      />

      <PlanSummary plan={plan} choices={choices} />

      {live ? (
        <Alert tone="info" title="이미 이용 중인 구독이 있어요">
          <p>
            지금 {live.plan.name} 요금제를 이용하고 있어요. 구독은 한 번에 하나만 할 수 있어요.
            요금제와 결제수단은 내 구독에서 확인해 주세요.
          </p>
          <ButtonLink href="/account" size="sm" className="mt-3">
            내 구독으로 가기
          </ButtonLink>
        </Alert>
      ) : closed ? (
        <Alert tone="info" title="지금은 구독을 시작할 수 없어요">
          <p>판매자 정보 등록이 끝나면 다시 열려요. 잠시 후 다시 찾아 주세요.</p>
          <ButtonLink href="/pricing" variant="secondary" size="sm" className="mt-3">
            요금제 둘러보기
          </ButtonLink>
        </Alert>
      ) : (
        <section aria-labelledby="register-title" className="space-y-5">
          <h2 id="register-title" className="text-lg font-bold">
            결제수단 등록
          </h2>
          <ol className="space-y-2 text-sm text-muted">
            {(tossPayOnly ? APP_STEPS : CHOICE_STEPS).map((step, index) => (
              <li key={step} className="flex gap-3">
                <span
                  aria-hidden="true"
                  className="flex size-6 shrink-0 items-center justify-center rounded-full bg-primary/10 text-xs font-bold text-primary"
                >
                  {index + 1}
                </span>
                <span className="pt-0.5">{step}</span>
              </li>
            ))}
          </ol>

          {unfinished && unfinished.pendingMethod.registrationExpiresAt && (
            <Alert tone="info" title="등록을 마치지 않은 결제수단이 있어요">
              <p>
                {formatSeoulDateTime(unfinished.pendingMethod.registrationExpiresAt)}까지{" "}
                {unfinished.pendingMethod.provider === "toss_pay"
                  ? "토스 앱에서 이어서 승인할 수 있어요."
                  : "이어서 등록할 수 있어요."}{" "}
                <Link
                  href={`/payment-methods/${unfinished.pendingMethod.id}`}
                  className="font-bold text-primary underline underline-offset-4"
                >
                  이어서 등록하기
                </Link>
              </p>
            </Alert>
          )}

          <RecurringConsentForm
            action={startSubscription}
            consentText={(initialChoice && consent.byChoice[initialChoice]) ?? ""}
            consentTextByChoice={consent.byChoice}
            initialChoice={initialChoice}
            hiddenFields={{ planSlug: plan.slug }}
            {...choiceButtonLabels(choices, "결제수단 등록")}
          >
            <MethodChoiceField choices={choices} />
            {consent.first?.trialRefused ? (
              <Alert tone="info" title="무료 체험 없이 시작해요">
                <p>
                  무료 체험은 한 분께 한 번만 드려요. 이미 무료 체험을 이용하셔서, 등록을 마치면
                  오늘 <strong>{formatKRW(plan.amount)}</strong>이 결제돼요.
                </p>
              </Alert>
            ) : plan.trialDays > 0 ? (
              <p className="text-sm leading-relaxed">
                {/* The agreement below says when the first charge comes; this says who gets a
                    trial. */}
                무료 체험은 한 분께, 결제수단 하나에 한 번만 드려요. 이미 체험에 쓰인 결제수단이면
                결제하기 전에 다시 여쭤볼게요.
              </p>
            ) : (
              <p className="text-sm leading-relaxed">
                등록을 마치면 바로 첫 결제 <strong>{formatKRW(plan.amount)}</strong>이 진행돼요.
              </p>
            )}
          </RecurringConsentForm>
          <div className="space-y-1 text-xs text-muted">
            <p>구독을 시작하면 아래 약관과 정책이 적용돼요.</p>
            <LegalLinks label="구독 약관 및 정책" />
          </div>
        </section>
      )}
    </Container>
  );
}
