import type { Metadata } from "next";
import { LeaveForm } from "@/components/account-access/leave-form";
import { methodLabel } from "@/components/payment-methods/describe-method";
import { ButtonLink } from "@/components/ui/button-link";
import { CardSection } from "@/components/ui/card";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { LEAVE_CONFIRMATION_PHRASE } from "@/lib/account/leave-account";
import { getAccountSecurity } from "@/lib/auth/account-security";
import { requireUser } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { formatKRW, formatSeoulDate } from "@/lib/format";
import { withdrawalOffer } from "@/lib/refunds/cancellation-options";
import { getAccountOverview } from "@/lib/subscriptions/account-overview";
import { leaveAccountAction } from "./actions";

export const metadata: Metadata = { title: "회원탈퇴", robots: { index: false } };

export default async function LeaveAccountPage() {
  const user = await requireUser({ callbackUrl: "/account/leave" });
  const [security, overview] = await Promise.all([
    getAccountSecurity(db(), user.id),
    getAccountOverview(user.id),
  ]);
  if (!security) return null;
  const live =
    overview.subscription && overview.subscription.status !== "canceled"
      ? overview.subscription
      : null;
  // 청약철회 applies (within the merchant's days of the first charge, before use if the
  // merchant says so): the customer chooses whether leaving also refunds it in full.
  const offer = live ? await withdrawalOffer(live) : null;
  const withdrawal = offer?.eligible
    ? {
        amount: offer.amount,
        lastDay: formatSeoulDate(new Date(offer.window.closesAt.getTime() - 1)),
      }
    : null;

  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-2xl space-y-8">
        <PageHeader
          title="회원탈퇴"
          description="탈퇴하면 되돌릴 수 없어요. 무엇이 바로 끝나고, 무엇이 지워지고, 무엇이 남는지 확인해 주세요."
          actions={
            <ButtonLink href="/account/security" variant="secondary" size="sm">
              돌아가기
            </ButtonLink>
          }
        />

        <CardSection title="탈퇴하면 바로 이렇게 돼요">
          <ul className="list-disc space-y-2 pl-5 text-sm leading-relaxed">
            {live ? (
              <li>
                이용 중인 <strong>{live.plan.name}</strong> 구독이 지금 바로 해지돼요.
                {live.currentPeriodEnd
                  ? ` 남은 이용 기간(${formatSeoulDate(live.currentPeriodEnd)}까지)도 함께 끝나고, 앞으로 결제되지 않아요.`
                  : " 앞으로 결제되지 않아요."}
              </li>
            ) : (
              <li>이용 중인 구독은 없어요.</li>
            )}
            {overview.method ? (
              <li>
                등록된 결제수단({methodLabel(overview.method)})의 자동결제 키를 결제사에서 삭제해요.
              </li>
            ) : null}
            <li>모든 기기에서 로그아웃돼요.</li>
            <li>
              이메일({security.email}), 이름, 비밀번호, 카카오·네이버 연결, 받은 알림 메일 기록을
              지워요. 같은 이메일로 언제든 다시 가입할 수 있어요.
            </li>
            {withdrawal ? (
              <li>
                청약철회 기간({withdrawal.lastDay}까지)이라 결제한{" "}
                <strong>{formatKRW(withdrawal.amount)}</strong>을 모두 환불받을 수 있어요. 아래에서
                고를 수 있어요.
              </li>
            ) : (
              <li>이미 결제된 금액은 탈퇴로 환불되지 않아요.</li>
            )}
          </ul>
        </CardSection>

        <CardSection title="법에 따라 5년 동안 남는 기록">
          <p className="text-sm leading-relaxed text-muted">
            전자상거래법에 따라 결제·환불 기록(금액, 일시, 주문번호, 카드사와 가려진 카드번호 등)과
            구독 계약·자동결제 동의 기록은 5년 동안 보관해요. 이 기록은 이름과 이메일이 지워진 채로
            남고, 법이 정한 목적(분쟁 해결, 세금 신고 등) 말고는 쓰지 않아요.
          </p>
        </CardSection>

        <CardSection title="탈퇴 전에 내 정보를 받아 두세요">
          <p className="text-sm leading-relaxed text-muted">
            탈퇴한 뒤에는 결제 내역을 볼 수 없어요. 필요하면{" "}
            <a href="/account/export" download className="font-bold text-primary underline">
              내 정보 내려받기
            </a>
            로 먼저 저장해 두세요.
          </p>
        </CardSection>

        <CardSection title="탈퇴하기">
          <LeaveForm
            action={leaveAccountAction}
            hasPassword={security.hasPassword}
            phrase={LEAVE_CONFIRMATION_PHRASE}
            withdrawal={
              withdrawal ? { amount: withdrawal.amount, label: formatKRW(withdrawal.amount) } : null
            }
          />
        </CardSection>
      </div>
    </Container>
  );
}
