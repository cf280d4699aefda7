import type { Metadata } from "next";
import { z } from "zod";
import { ChangeEmailForm } from "@/components/account-access/change-email-form";
import { ChangePasswordForm } from "@/components/account-access/change-password-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { ButtonLink } from "@/components/ui/button-link";
import { CardSection } from "@/components/ui/card";
import { Container } from "@/components/ui/container";
import { PageHeader } from "@/components/ui/page-header";
import { getAccountSecurity } from "@/lib/auth/account-security";
import { requireUser } from "@/lib/auth/guards";
import { db } from "@/lib/db/client";
import { changeEmailAction, changePasswordAction } from "./actions";

export const metadata: Metadata = { title: "계정 관리", robots: { index: false } };

const PROVIDER_LABELS: Record<string, string> = { kakao: "카카오", naver: "네이버" };

const querySchema = z.object({
  changed: z.enum(["password"]).optional().catch(undefined),
  reset: z.literal("1").optional().catch(undefined),
});

export default async function AccountSecurityPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser({ callbackUrl: "/account/security" });
  const query = querySchema.parse(await searchParams);
  const security = await getAccountSecurity(db(), user.id);
  if (!security) return null;
  const linked = security.linkedProviders.map((p) => PROVIDER_LABELS[p] ?? p).join(", ");

  return (
    <Container className="py-12 sm:py-16">
      <div className="mx-auto max-w-3xl space-y-8">
        <PageHeader
          title="계정 관리"
          description="로그인 이메일과 비밀번호를 바꾸고, 내 정보를 내려받거나 탈퇴할 수 있어요."
          actions={
            <ButtonLink href="/account" variant="secondary" size="sm">
              내 구독으로
            </ButtonLink>
          }
        />

        {(query.changed === "password" || query.reset === "1") && (
          <Alert tone="success" title="비밀번호를 바꿨어요">
            로그인된 다른 기기에서는 모두 로그아웃됐어요.
          </Alert>
        )}

        <CardSection
          title="로그인 이메일"
          description={
            <>
              지금 이메일: <strong className="break-all text-foreground">{security.email}</strong>
            </>
          }
        >
          <p className="mb-5 text-sm leading-relaxed text-muted">
            새 주소로 확인 메일을 보내 드려요. 메일의 링크를 누르기 전까지는 지금 이메일로
            로그인하고, 지금 이메일로도 변경 알림을 보내 드려요.
          </p>
          <ChangeEmailForm action={changeEmailAction} hasPassword={security.hasPassword} />
        </CardSection>

        <CardSection title="비밀번호">
          {security.hasPassword ? (
            <>
              <p className="mb-5 text-sm leading-relaxed text-muted">
                비밀번호를 바꾸면 이 기기를 뺀 다른 기기에서는 모두 로그아웃돼요.
              </p>
              <ChangePasswordForm action={changePasswordAction} email={security.email} />
            </>
          ) : (
            <div className="space-y-4 text-sm leading-relaxed">
              <p>
                {linked ? `${linked}(으)로 로그인하고 있어요. ` : ""}아직 비밀번호가 없어요.
                이메일로 링크를 받아 비밀번호를 정하면 이메일로도 로그인할 수 있어요.
              </p>
              <ButtonLink href="/forgot-password" variant="secondary" size="sm">
                비밀번호 정하기
              </ButtonLink>
            </div>
          )}
        </CardSection>

        <CardSection title="내 정보 내려받기">
          <p className="mb-4 text-sm leading-relaxed text-muted">
            회원 정보, 동의 기록, 구독, 결제수단(결제 키는 빼고), 결제·환불 내역, 받은 알림을 JSON
            파일 하나로 내려받아요.
          </p>
          <a
            href="/account/export"
            download
            className={buttonClasses({ variant: "secondary", size: "sm" })}
          >
            내 정보 내려받기
          </a>
        </CardSection>

        <CardSection title="회원탈퇴">
          <p className="mb-4 text-sm leading-relaxed text-muted">
            구독을 끝내고 결제수단과 개인정보를 지워요. 탈퇴하기 전에 무엇이 지워지고 무엇이 남는지
            먼저 보여 드려요.
          </p>
          <ButtonLink href="/account/leave" variant="ghost" size="sm">
            회원탈퇴 안내 보기
          </ButtonLink>
        </CardSection>
      </div>
    </Container>
  );
}
