"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth";
import { safeCallbackUrl, signInPath } from "@/lib/auth/callback-url";
import { fieldErrorsOf, textValue, type AuthFormState } from "@/lib/auth/form-state";
import { registerUser, signUpSchema } from "@/lib/auth/sign-up";

export type SignUpFormState = AuthFormState<"email" | "password" | "name">;

export async function signUpWithPassword(
  _previous: SignUpFormState,
  formData: FormData,
): Promise<SignUpFormState> {
  const values = { email: textValue(formData, "email"), name: textValue(formData, "name") };
  const parsed = signUpSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return { fieldErrors: fieldErrorsOf(parsed.error), values };

  const result = await registerUser(parsed.data);
  if (!result.ok) {
    return {
      fieldErrors: { email: "이미 가입된 이메일이에요. 로그인하거나 다른 이메일을 입력해 주세요." },
      values,
    };
  }

  const callbackUrl = safeCallbackUrl(formData.get("callbackUrl"));
  try {
    await signIn("credentials", {
      email: parsed.data.email,
      password: parsed.data.password,
      redirectTo: callbackUrl,
    });
  } catch (error) {
    // The account exists; if signing in right away fails (e.g. this address is throttled),
    // the sign-in page is the way forward rather than an error on a form that already worked.
    if (error instanceof AuthError) redirect(signInPath(callbackUrl));
    throw error;
  }
  return { fieldErrors: {}, values };
}
