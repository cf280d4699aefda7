import type { Metadata } from "next";
import { AuthPanel } from "@/components/auth/auth-panel";
import { ResendVerificationForm } from "@/components/auth/resend-verification-form";
import { parseAuthSearchParams, type AuthSearchParams } from "../../auth-search-params";
import { resendVerification } from "./actions";

export const metadata: Metadata = { title: "인증 메일 다시 보내기" };

export default async function ResendVerificationPage({
  searchParams,
}: {
  searchParams: AuthSearchParams;
}) {
  const { callbackUrl } = await parseAuthSearchParams(searchParams);
  return (
    <AuthPanel
      title="인증 메일 다시 보내기"
      description="가입한 이메일을 입력하면 이메일 확인 링크를 새로 보내 드려요."
    >
      <ResendVerificationForm action={resendVerification} callbackUrl={callbackUrl} />
    </AuthPanel>
  );
}
