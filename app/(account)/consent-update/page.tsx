import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { z } from "zod";
import { ActionButton } from "@/components/account/action-button";
import { ConsentUpdateForm } from "@/components/legal/consent-update-form";
import { Card } from "@/components/ui/card";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { requireUser } from "@/lib/auth/guards";
import { consentUpdatePath } from "@/lib/auth/require-agreed-user";
import { formatSeoulDate } from "@/lib/format";
import { consentStep } from "@/lib/legal/consent-step";
import { LEGAL_DOCUMENT_PATHS, LEGAL_DOCUMENT_TITLES } from "@/lib/legal/document-kinds";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import { agreeToCurrentTerms, cancelWithoutAgreeing } from "./actions";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "약관 동의", robots: { index: false } };

const searchSchema = z.object({ callbackUrl: z.string().max(2048).optional().catch(undefined) });

/**
 * The consent step: a customer who has not agreed to the current 이용약관 and 개인정보처리방침
 * (a Kakao/Naver sign-up before its first use, or anyone after a new version) is sent here
 * before the account page and the checkout (requireAgreedUser), and back afterwards.
 */
export default async function ConsentUpdatePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { callbackUrl: raw } = searchSchema.parse(await searchParams);
  const callbackUrl = safeCallbackUrl(raw, "/account");
  const user = await requireUser({ callbackUrl: consentUpdatePath(callbackUrl) });
  const { items, marketing } = await consentStep(user.id);
  if (items.length === 0) redirect(callbackUrl);
  const changed = items.some((item) => item.agreedVersion !== null);
  const { subscription } = await getAccountOverview(user.id);
  const cancellable =
    subscription &&
    subscription.status !== "canceled" &&
    subscription.status !== "incomplete" &&
    !subscription.cancelAtPeriodEnd;

  return (
    <Container size="narrow" className="space-y-8 py-12 sm:py-16">
      <PageHeader
        eyebrow="약관 동의"
        title={changed ? "약관이 바뀌었어요" : "서비스 이용 전에 동의해 주세요"}
        description={
          changed
            ? "바뀐 내용을 확인하고 동의하면 계속 이용할 수 있어요."
            : "이용약관과 개인정보 수집·이용에 동의하면 구독을 시작하고 관리할 수 있어요."
        }
      />
      <Card className="space-y-5 p-5 sm:p-8">
        <ul className="space-y-2 text-sm">
          {items.map((item) => (
            <li key={item.kind} className="flex flex-wrap items-baseline gap-x-2">
              <span className="font-bold">{LEGAL_DOCUMENT_TITLES[item.kind]}</span>
              <span className="text-muted">
                버전 {item.currentVersion} · {formatSeoulDate(item.publishedAt)} 시행
                {item.agreedVersion !== null && ` (동의한 버전 ${item.agreedVersion})`}
              </span>
              <Link
                href={LEGAL_DOCUMENT_PATHS[item.kind]}
                target="_blank"
                className="text-primary underline underline-offset-4"
              >
                전문 보기<span className="sr-only"> (새 창)</span>
              </Link>
            </li>
          ))}
        </ul>
        <ConsentUpdateForm
          action={agreeToCurrentTerms}
          callbackUrl={callbackUrl}
          marketing={marketing}
          asked={items.map((item) => item.kind)}
        />
      </Card>
      {cancellable && (
        <section aria-labelledby="leave-title" className="space-y-3 text-sm">
          <h2 id="leave-title" className="font-bold">
            동의하지 않으시나요?
          </h2>
          <p className="text-muted">
            동의하지 않으면 서비스를 계속 이용할 수 없어요. 구독은 동의하지 않아도 지금 해지할 수
            있고, 이미 결제한 기간이 끝날 때까지 이용할 수 있어요.
          </p>
          <ActionButton
            action={cancelWithoutAgreeing}
            hiddenFields={{ confirm: "yes" }}
            label="동의하지 않고 구독 해지하기"
            loadingLabel="해지하는 중"
            variant="secondary"
            block
          />
        </section>
      )}
    </Container>
  );
}
