import { z } from "zod";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

export type AuthSearchParams = Promise<Record<string, string | string[] | undefined>>;

const schema = z.object({
  callbackUrl: z.string().optional().catch(undefined),
  error: z.string().optional().catch(undefined),
  // Set by /verify-email after a Kakao/Naver-only account verified its address.
  verified: z.literal("1").optional().catch(undefined),
});

/** The query of /sign-in and /sign-up: where to go afterwards, and an Auth.js error code. */
export async function parseAuthSearchParams(searchParams: AuthSearchParams) {
  const { callbackUrl, error, verified } = schema.parse(await searchParams);
  return { callbackUrl: safeCallbackUrl(callbackUrl), error, verified: verified === "1" };
}

// Auth.js sends OAuth failures back to the sign-in page as ?error=<type>.
export function authErrorMessage(error: string | undefined): string | undefined {
  switch (error) {
    case undefined:
      return undefined;
    case "OAuthAccountNotLinked":
      return "이미 이 이메일로 가입된 계정이 있어요. 이메일과 비밀번호로 로그인해 주세요.";
    case "AccessDenied":
      return "로그인이 취소되었거나 이메일 제공에 동의하지 않았어요. 이메일 제공에 동의한 뒤 다시 시도해 주세요.";
    case "CredentialsSignin":
      return "이메일 또는 비밀번호가 올바르지 않아요.";
    default:
      return "로그인하지 못했어요. 잠시 후 다시 시도해 주세요.";
  }
}
