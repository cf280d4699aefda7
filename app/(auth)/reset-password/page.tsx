import type { Metadata } from "next";
import { z } from "zod";
import { AuthLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { ResetPasswordForm } from "@/components/account-access/reset-password-form";
import { Alert } from "@/components/ui/alert";
import { describeResetLink } from "@/lib/auth/reset-password";
import type { AuthSearchParams } from "../auth-search-params";
import { resetPasswordWithLink } from "./actions";

export const metadata: Metadata = { title: "새 비밀번호 정하기", robots: { index: false } };

const schema = z.object({ token: z.string().max(100).optional().catch(undefined) });

// GET /reset-password?token=… — the link from the reset email. Opening it changes nothing (mail
// scanners open links too); submitting the new password uses the link up.
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: AuthSearchParams;
}) {
  const { token } = schema.parse(await searchParams);
  const link = await describeResetLink(token);

  if (!link || !token) {
    return (
      <AuthPanel title="새 비밀번호 정하기">
        <Alert tone="warning" title="쓸 수 없는 링크예요">
          링크가 만료됐거나 이미 사용됐어요. 재설정 링크는 30분 동안 한 번만 쓸 수 있어요.
        </Alert>
        <div className="flex flex-col gap-3 sm:flex-row">
          <AuthLink href="/forgot-password">새 링크 받기</AuthLink>
          <AuthLink href="/sign-in">로그인</AuthLink>
        </div>
      </AuthPanel>
    );
  }
  return (
    <AuthPanel
      title="새 비밀번호 정하기"
      description="새 비밀번호를 정하면 로그인된 다른 기기에서는 모두 로그아웃돼요."
    >
      <ResetPasswordForm action={resetPasswordWithLink} email={link.email} token={token} />
    </AuthPanel>
  );
}
