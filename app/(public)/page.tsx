import Link from "next/link";
import { PlanCard } from "@/components/plans/plan-card";
import { ButtonLink } from "@/components/ui/button-link";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { HomeAccountButton } from "@/components/site/account-nav";
import { publicPlans } from "./public-page-data";

const STEPS = [
  { title: "요금제 선택", body: "필요한 만큼만 고르세요. 무료 체험이 있는 요금제도 있어요." },
  {
    title: "토스 앱에서 결제수단 등록",
    body: "토스 앱에서 카드나 계좌를 한 번만 등록해요. 카드 번호는 저희가 보관하지 않아요.",
  },
  {
    title: "결제일마다 자동결제",
    body: "결제일에 알아서 결제되고, 영수증은 내 구독에서 볼 수 있어요.",
  },
];

const PROMISES = [
  {
    title: "언제든 해지",
    body: "내 구독에서 버튼 한 번으로 해지하고, 남은 기간은 그대로 이용해요.",
  },
  {
    title: "가격이 오르면 먼저 동의를 받아요",
    body: "가격이 바뀌거나 무료 체험이 유료로 전환되기 전에 알려드리고 동의를 받아요.",
  },
  {
    title: "결제 실패도 걱정 없이",
    body: "결제가 실패하면 바로 알려드리고, 며칠에 걸쳐 다시 시도해요.",
  },
];

export default async function HomePage() {
  const plans = await publicPlans();
  const featured = plans.slice(0, 3);

  return (
    <>
      <section className="border-b border-border bg-surface">
        <Container className="grid items-center gap-10 py-14 sm:py-20 lg:grid-cols-[1.2fr_1fr]">
          <div className="space-y-6">
            <p className="inline-flex items-center gap-2 rounded-full bg-primary/10 px-3 py-1 text-sm font-bold text-primary">
              토스페이 자동결제
            </p>
            <h1 className="text-3xl font-bold leading-tight tracking-tight sm:text-5xl sm:leading-tight">
              한 번 등록하면,
              <br />
              결제일마다 알아서.
            </h1>
            <p className="max-w-xl text-lg leading-relaxed text-muted">
              토스 앱에서 결제수단을 한 번만 등록하면 결제일마다 자동으로 결제돼요. 결제 내역과 다음
              결제일은 언제든 내 구독에서 확인하고, 원할 때 바로 해지할 수 있어요.
            </p>
            <div className="flex flex-wrap gap-3">
              <ButtonLink href="/pricing" size="lg">
                요금제 보기
              </ButtonLink>
              <HomeAccountButton />
            </div>
          </div>
          <NextPaymentIllustration />
        </Container>
      </section>

      <Container className="space-y-16 py-14 sm:py-20">
        <section aria-labelledby="how-title" className="space-y-6">
          <h2 id="how-title" className="text-2xl font-bold tracking-tight">
            이렇게 이용해요
          </h2>
          <ol className="grid gap-4 md:grid-cols-3">
            {STEPS.map((step, index) => (
              <li key={step.title} className="rounded-card border border-border bg-surface p-6">
                <span
                  aria-hidden="true"
                  className="flex size-8 items-center justify-center rounded-full bg-primary text-sm font-bold text-primary-foreground"
                >
                  {index + 1}
                </span>
                <h3 className="mt-4 font-bold">{step.title}</h3>
                <p className="mt-1.5 text-sm leading-relaxed text-muted">{step.body}</p>
              </li>
            ))}
          </ol>
        </section>

        <section aria-labelledby="plans-title" className="space-y-6">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="plans-title" className="text-2xl font-bold tracking-tight">
              요금제
            </h2>
            {plans.length > featured.length && (
              <Link
                href="/pricing"
                className="inline-flex min-h-touch items-center font-bold text-primary hover:underline"
              >
                모든 요금제 보기
              </Link>
            )}
          </div>
          {featured.length > 0 ? (
            <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-3">
              {featured.map((plan) => (
                <PlanCard key={plan.id} plan={plan} />
              ))}
            </div>
          ) : (
            <EmptyState
              title="판매 중인 요금제가 없어요"
              description="곧 새로운 요금제로 찾아올게요."
            />
          )}
        </section>

        <section aria-labelledby="promise-title" className="space-y-6">
          <h2 id="promise-title" className="text-2xl font-bold tracking-tight">
            안심하고 구독하세요
          </h2>
          <ul className="grid gap-4 md:grid-cols-3">
            {PROMISES.map((item) => (
              <li key={item.title} className="rounded-card bg-surface-muted p-6">
                <h3 className="font-bold">{item.title}</h3>
                <p className="mt-1.5 text-sm leading-relaxed text-muted">{item.body}</p>
              </li>
            ))}
          </ul>
        </section>
      </Container>
    </>
  );
}

/** A drawing of what the customer will see in their account: decorative, hidden from AT. */
function NextPaymentIllustration() {
  return (
    <div aria-hidden="true" className="mx-auto w-full max-w-sm">
      <div className="rounded-[1.5rem] border border-border bg-background p-5 shadow-card">
        <div className="flex items-center justify-between text-sm">
          <span className="font-bold">내 구독</span>
          <span className="rounded-full bg-success/10 px-2.5 py-1 text-xs font-bold text-success">
            이용 중
          </span>
        </div>
        <div className="mt-5 rounded-xl bg-surface p-4">
          <p className="text-sm text-muted">다음 결제</p>
          <p className="mt-1 text-2xl font-bold">9,900원</p>
          <p className="mt-1 text-sm text-muted">매월 25일 · 토스페이</p>
        </div>
        <div className="mt-3 flex items-center gap-3 rounded-xl bg-surface p-4">
          <span className="flex size-9 items-center justify-center rounded-lg bg-primary text-sm font-bold text-primary-foreground">
            toss
          </span>
          <div className="text-sm">
            <p className="font-bold">토스페이 자동결제</p>
            <p className="text-muted">신한카드 ****1234</p>
          </div>
        </div>
      </div>
    </div>
  );
}
