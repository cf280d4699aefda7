import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { CardSection } from "@/components/ui/card";
import { Container } from "@/components/ui/container";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";

// Shell of the customer's page: issue 3 fills the three sections with the subscription, the
// Toss Pay method and the charge history.

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "내 구독", robots: { index: false } };

export default async function AccountPage() {
  const user = await requireUser({ callbackUrl: "/account" });

  return (
    <Container className="max-w-3xl space-y-8 py-12 sm:py-16">
      <PageHeader
        title="내 구독"
        description={`${user.name ? `${user.name}님, ` : ""}구독과 결제수단, 결제 내역을 한곳에서 관리하세요.`}
      />

      <CardSection title="구독 중인 요금제">
        <EmptyState
          title="구독 중인 요금제가 없어요"
          description="요금제를 고르고 토스페이로 결제수단을 등록하면 구독이 시작돼요."
          action={<ButtonLink href="/pricing">요금제 보기</ButtonLink>}
        />
      </CardSection>

      <CardSection title="결제수단" description="토스페이로 등록한 카드나 계좌가 여기에 표시돼요.">
        <EmptyState
          title="등록된 결제수단이 없어요"
          description="구독을 시작할 때 토스 앱에서 결제수단을 등록해요."
        />
      </CardSection>

      <CardSection title="결제 내역">
        <EmptyState
          title="결제 내역이 없어요"
          description="결제가 이루어지면 금액과 결과, 영수증 링크가 여기에 쌓여요."
        />
      </CardSection>
    </Container>
  );
}
