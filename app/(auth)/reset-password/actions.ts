"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { newPasswordFormSchema } from "@/lib/auth/new-password-form";
import { resetPassword } from "@/lib/auth/reset-password";
import { failed, fieldErrorsOf, type FormResult } from "@/lib/forms/form-result";

export type ResetPasswordFormState = FormResult<"password" | "passwordConfirm"> & {
  // The password changed but this browser could not be signed in (e.g. throttled): sign in.
  signInInstead?: boolean;
};

const schema = newPasswordFormSchema.and(z.object({ token: z.string().max(100) }));

const RESET_LINK_INVALID =
  "링크가 만료됐거나 이미 사용됐어요. '비밀번호를 잊으셨나요?'에서 새 링크를 받아 주세요.";

export async function resetPasswordWithLink(
  _previous: ResetPasswordFormState,
  formData: FormData,
): Promise<ResetPasswordFormState> {
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error));
  const result = await resetPassword({
    token: parsed.data.token,
    newPassword: parsed.data.password,
  });
  if (!result.ok) return failed(RESET_LINK_INVALID);
  // Every other session has just ended; this browser signs in with the new password.
  try {
    await signIn("credentials", {
      email: result.email,
      password: parsed.data.password,
      redirectTo: "/account/security?reset=1",
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    return { status: "success", signInInstead: true };
  }
  return { status: "success", signInInstead: true };
}
