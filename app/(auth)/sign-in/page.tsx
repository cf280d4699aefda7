import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { AuthPanel } from "@/components/auth/auth-panel";
import { FormAlert } from "@/components/auth/form-alert";
import { SignInForm } from "@/components/auth/sign-in-form";
import { configuredOAuthProviders } from "@/lib/auth/config";
import { getCurrentUser } from "@/lib/auth/guards";
import {
  authErrorMessage,
  parseAuthSearchParams,
  type AuthSearchParams,
} from "../auth-search-params";
import { signInWithPassword, signInWithProvider } from "./actions";

export const metadata: Metadata = { title: "로그인" };

export default async function SignInPage({ searchParams }: { searchParams: AuthSearchParams }) {
  const { callbackUrl, error } = await parseAuthSearchParams(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);

  const signUpHref =
    callbackUrl === "/" ? "/sign-up" : `/sign-up?${new URLSearchParams({ callbackUrl })}`;
  return (
    <AuthPanel
      title="로그인"
      description="구독과 결제수단을 관리하려면 로그인해 주세요."
      footer={
        <>
          아직 계정이 없나요?{" "}
          <Link
            href={signUpHref}
            className="font-bold text-primary underline-offset-4 hover:underline"
          >
            회원가입
          </Link>
        </>
      }
    >
      <FormAlert message={authErrorMessage(error)} />
      <SignInForm action={signInWithPassword} callbackUrl={callbackUrl} />
      <OAuthButtons
        providers={configuredOAuthProviders()}
        action={signInWithProvider}
        callbackUrl={callbackUrl}
      />
    </AuthPanel>
  );
}
