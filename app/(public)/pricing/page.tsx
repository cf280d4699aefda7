import type { Metadata } from "next";
import { PlanCard } from "@/components/plans/plan-card";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { publicPlans } from "../public-page-data";

export const metadata: Metadata = {
  title: "요금제",
  description: "토스페이 자동결제로 이용하는 구독 요금제를 비교해 보세요.",
};

const NOTES = [
  "모든 가격은 부가세 포함이에요.",
  "결제수단은 토스 앱에서 등록하고, 결제일마다 자동으로 결제돼요.",
  "무료 체험은 끝나기 전에 유료 전환 동의를 받고, 동의하지 않으면 결제되지 않아요.",
  "해지하면 이미 결제한 기간이 끝날 때까지 계속 이용할 수 있어요.",
];

export default async function PricingPage() {
  const plans = await publicPlans();

  return (
    <Container className="space-y-10 py-12 sm:py-16">
      <PageHeader
        eyebrow="요금제"
        title="나에게 맞는 요금제를 고르세요"
        description="토스페이로 결제수단을 한 번 등록하면 결제일마다 자동으로 결제돼요. 언제든 해지할 수 있어요."
      />

      {plans.length > 0 ? (
        <div className="grid gap-6 md:grid-cols-2 lg:grid-cols-3">
          {plans.map((plan) => (
            <PlanCard key={plan.id} plan={plan} headingLevel="h2" />
          ))}
        </div>
      ) : (
        <EmptyState
          title="판매 중인 요금제가 없어요"
          description="곧 새로운 요금제로 찾아올게요."
        />
      )}

      <section aria-labelledby="notes-title" className="rounded-card bg-surface-muted p-6">
        <h2 id="notes-title" className="font-bold">
          결제 안내
        </h2>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm leading-relaxed text-muted">
          {NOTES.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </section>
    </Container>
  );
}
