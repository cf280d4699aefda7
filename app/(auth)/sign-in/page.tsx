import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthLink, AuthSwitchLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { FormAlert } from "@/components/auth/form-alert";
import { Alert } from "@/components/ui/alert";
import { SignInForm } from "@/components/auth/sign-in-form";
import { getCurrentUser } from "@/lib/auth/guards";
import {
  authErrorMessage,
  parseAuthSearchParams,
  type AuthSearchParams,
} from "../auth-search-params";
import { ProviderSignIn } from "../provider-sign-in";
import { signInWithPassword } from "./actions";

export const metadata: Metadata = { title: "로그인" };

export default async function SignInPage({ searchParams }: { searchParams: AuthSearchParams }) {
  const { callbackUrl, error, verified } = await parseAuthSearchParams(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <AuthPanel
      title="로그인"
      description="구독과 결제수단을 관리하려면 로그인해 주세요."
      footer={<AuthSwitchLink to="/sign-up" callbackUrl={callbackUrl} />}
    >
      {verified && (
        <Alert tone="success" title="이메일을 확인했어요">
          이제 로그인할 수 있어요.
        </Alert>
      )}
      <FormAlert message={authErrorMessage(error)} />
      <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} />
      <AuthLink href="/forgot-password">비밀번호를 잊으셨나요?</AuthLink>
      <p className="text-sm leading-relaxed text-muted">
        이메일로 가입했다면 받은 메일의 링크로 이메일 확인을 마친 뒤에 로그인할 수 있어요.{" "}
        <AuthLink href="/verify-email/resend">인증 메일 다시 보내기</AuthLink>
      </p>
      <ProviderSignIn callbackUrl={callbackUrl} />
    </AuthPanel>
  );
}
