import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthSwitchLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { getCurrentUser } from "@/lib/auth/guards";
import { parseAuthSearchParams, type AuthSearchParams } from "../auth-search-params";
import { ProviderSignIn } from "../provider-sign-in";
import { signUpWithPassword } from "./actions";

export const metadata: Metadata = { title: "회원가입" };

export default async function SignUpPage({ searchParams }: { searchParams: AuthSearchParams }) {
  const { callbackUrl } = await parseAuthSearchParams(searchParams);
  if (await getCurrentUser()) redirect(callbackUrl);

  return (
    <AuthPanel
      title="회원가입"
      description="이메일로 가입하고 원하는 요금제를 구독해 보세요."
      footer={<AuthSwitchLink to="/sign-in" callbackUrl={callbackUrl} />}
    >
      <SignUpForm action={signUpWithPassword} callbackUrl={callbackUrl} />
      <ProviderSignIn callbackUrl={callbackUrl} />
    </AuthPanel>
  );
}
