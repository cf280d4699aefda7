"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { PasswordSignInError } from "@/lib/auth/config";
import { verifyPasswordlessEmail } from "@/lib/auth/describe-verification-link";
import { findVerificationEmail } from "@/lib/auth/email-verification-token";
import { failed, fieldErrorsOf, type FormResult } from "@/lib/forms/form-result";
import { db } from "@/lib/db/client";

export type VerifyEmailFormState = FormResult<"password">;

const passwordFormSchema = z.object({
  token: z.string().max(100),
  password: z
    .string({ error: "비밀번호를 입력해 주세요." })
    .min(1, "비밀번호를 입력해 주세요.")
    .max(128, "비밀번호는 128자 이하로 입력해 주세요."),
});

const LINK_EXPIRED =
  "링크가 만료됐거나 이미 사용됐어요. '인증 메일 다시 보내기'로 새 링크를 받아 주세요.";

/** A password account: the password it signed up with confirms the address and signs in. */
export async function verifyEmailWithPassword(
  _previous: VerifyEmailFormState,
  formData: FormData,
): Promise<VerifyEmailFormState> {
  const parsed = passwordFormSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error));
  // The address comes from the token, never from the form.
  const email = await findVerificationEmail(db(), parsed.data.token, new Date());
  if (!email) return failed(LINK_EXPIRED);

  try {
    await signIn("credentials", {
      email,
      password: parsed.data.password,
      verificationToken: parsed.data.token,
      redirectTo: safeCallbackUrl(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof PasswordSignInError) {
      return error.failure.reason === "throttled"
        ? failed(
            `시도가 너무 많아요. 잠시 후 다시 시도해 주세요 (${error.failure.retryAfterSeconds}초)`,
          )
        : failed(undefined, { password: "비밀번호가 올바르지 않아요." });
    }
    if (error instanceof AuthError) {
      return failed("확인하지 못했어요. 잠시 후 다시 시도해 주세요.");
    }
    throw error;
  }
  return { status: "success" };
}

/** A Kakao/Naver-only account: the link alone proves the mailbox; then sign in as usual. */
export async function verifyEmailWithoutPassword(formData: FormData): Promise<void> {
  const token = z.string().max(100).safeParse(formData.get("token"));
  const verified = token.success && (await verifyPasswordlessEmail(token.data));
  redirect(verified ? "/sign-in?verified=1" : "/verify-email");
}
