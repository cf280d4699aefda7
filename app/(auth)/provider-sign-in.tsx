import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { configuredOAuthProviders } from "@/lib/auth/config";
import { signInWithProvider } from "./sign-in/actions";

/** Kakao and Naver sign-in (those configured), offered on both the sign-in and sign-up page. */
export function ProviderSignIn({ callbackUrl }: { callbackUrl: string }) {
  return (
    <OAuthButtons
      providers={configuredOAuthProviders()}
      action={signInWithProvider}
      callbackUrl={callbackUrl}
    />
  );
}
