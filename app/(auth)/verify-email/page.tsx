import type { Metadata } from "next";
import { z } from "zod";
import { AuthLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { describeVerificationLink } from "@/lib/auth/describe-verification-link";
import type { AuthSearchParams } from "../auth-search-params";
import { verifyEmailWithPassword, verifyEmailWithoutPassword } from "./actions";

export const metadata: Metadata = { title: "이메일 확인" };

const schema = z.object({
  token: z.string().max(100).optional().catch(undefined),
  callbackUrl: z.string().optional().catch(undefined),
});

// GET /verify-email?token=… — the link from the verification email. Opening it changes nothing
// (mail scanners open links too); the button below verifies.
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: AuthSearchParams;
}) {
  const query = schema.parse(await searchParams);
  const callbackUrl = safeCallbackUrl(query.callbackUrl);
  const link = await describeVerificationLink(query.token);

  if (link.state === "invalid") {
    return (
      <AuthPanel title="이메일 확인">
        <Alert tone="warning" title="쓸 수 없는 링크예요">
          링크가 만료됐거나 이미 사용됐어요. 이미 확인을 마쳤다면 로그인해 주세요. 아직이라면 새
          링크를 받아 주세요.
        </Alert>
        <div className="flex flex-col gap-3 sm:flex-row">
          <AuthLink href="/sign-in">로그인</AuthLink>
          <AuthLink href="/verify-email/resend">인증 메일 다시 보내기</AuthLink>
        </div>
      </AuthPanel>
    );
  }

  if (link.state === "passwordless") {
    return (
      <AuthPanel title="이메일 확인" description={`${link.email} 주소를 확인할게요.`}>
        <form action={verifyEmailWithoutPassword}>
          <input type="hidden" name="token" value={query.token} />
          <SubmitButton size="lg" fullWidth loadingLabel="확인 중">
            이메일 확인하기
          </SubmitButton>
        </form>
      </AuthPanel>
    );
  }

  return (
    <AuthPanel
      title="이메일 확인"
      description="가입할 때 정한 비밀번호를 입력하면 이메일 확인을 마치고 로그인해요."
    >
      <VerifyEmailForm
        action={verifyEmailWithPassword}
        email={link.email}
        token={query.token ?? ""}
        callbackUrl={callbackUrl}
      />
    </AuthPanel>
  );
}
