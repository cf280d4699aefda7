"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { PasswordSignInError, configuredOAuthProviders } from "@/lib/auth/config";
import { failed, fieldErrorsOf, textValue, type FormResult } from "@/lib/forms/form-result";
import { signInSchema, type PasswordSignInFailure } from "@/lib/auth/sign-in";

export type SignInFormState = FormResult<"email" | "password">;

function failureState(failure: PasswordSignInFailure): SignInFormState {
  if (failure.reason === "throttled") {
    return failed(
      `로그인 시도가 너무 많아요. 잠시 후 다시 시도해 주세요 (${failure.retryAfterSeconds}초)`,
    );
  }
  // Deliberately the same whether or not the email has an account.
  return failed(undefined, { password: "이메일 또는 비밀번호가 올바르지 않아요." });
}

export async function signInWithPassword(
  _previous: SignInFormState,
  formData: FormData,
): Promise<SignInFormState> {
  const values = { email: textValue(formData, "email") };
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);

  try {
    // Redirects (by throwing) to the callback URL once the session cookie is set.
    await signIn("credentials", {
      ...parsed.data,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof PasswordSignInError) return { ...failureState(error.failure), values };
    if (error instanceof AuthError) {
      return failed("로그인하지 못했어요. 잠시 후 다시 시도해 주세요.", {}, values);
    }
    throw error;
  }
  return { status: "success", values };
}

const providerFormSchema = z.object({ provider: z.enum(["kakao", "naver"]) });

/** Starts Kakao or Naver sign-in; the provider redirects back to /api/auth/callback/…. */
export async function signInWithProvider(formData: FormData): Promise<void> {
  const parsed = providerFormSchema.safeParse(Object.fromEntries(formData));
  const configured = configuredOAuthProviders().map((p) => p.id);
  // Only reachable with a hand-made request: the page shows buttons for configured providers.
  if (!parsed.success || !configured.includes(parsed.data.provider)) return;
  await signIn(parsed.data.provider, {
    redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
  });
}
