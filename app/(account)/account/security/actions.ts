"use server";

import { AuthError } from "next-auth";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signIn } from "@/lib/auth";
import { changePassword } from "@/lib/auth/change-password";
import { requestEmailChange } from "@/lib/auth/change-email";
import { emailSchema } from "@/lib/auth/email";
import { requireUser } from "@/lib/auth/guards";
import { newPasswordFormSchema } from "@/lib/auth/new-password-form";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password-policy";
import {
  failed,
  failedWith,
  fieldErrorsOf,
  textValue,
  type FormResult,
} from "@/lib/forms/form-result";

const PATH = "/account/security";

const currentPassword = z
  .string({ error: "현재 비밀번호를 입력해 주세요." })
  .min(1, "현재 비밀번호를 입력해 주세요.")
  .max(PASSWORD_MAX_LENGTH, "현재 비밀번호가 올바르지 않아요.");

const changePasswordSchema = newPasswordFormSchema.and(z.object({ currentPassword }));

export type ChangePasswordFormState = FormResult<
  "currentPassword" | "password" | "passwordConfirm"
>;

export async function changePasswordAction(
  _previous: ChangePasswordFormState,
  formData: FormData,
): Promise<ChangePasswordFormState> {
  const user = await requireUser({ callbackUrl: PATH });
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error));
  try {
    await changePassword({
      userId: user.id,
      currentPassword: parsed.data.currentPassword,
      newPassword: parsed.data.password,
    });
  } catch (error) {
    return failedWith(error, "[account] change password");
  }
  // Every session ended with the change, this one too: sign it in again with the new password.
  try {
    await signIn("credentials", {
      email: user.email,
      password: parsed.data.password,
      redirectTo: `${PATH}?changed=password`,
    });
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
  }
  return { status: "warning", message: "비밀번호를 바꿨어요. 새 비밀번호로 다시 로그인해 주세요." };
}

const changeEmailSchema = z.object({
  newEmail: emailSchema,
  currentPassword: z.string().max(PASSWORD_MAX_LENGTH).optional().default(""),
});

export type ChangeEmailFormState = FormResult<"newEmail" | "currentPassword">;

export async function changeEmailAction(
  _previous: ChangeEmailFormState,
  formData: FormData,
): Promise<ChangeEmailFormState> {
  const user = await requireUser({ callbackUrl: PATH });
  const values = { newEmail: textValue(formData, "newEmail") };
  const parsed = changeEmailSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) return failed(undefined, fieldErrorsOf(parsed.error), values);
  try {
    const { newEmail } = await requestEmailChange({
      userId: user.id,
      newEmail: parsed.data.newEmail,
      currentPassword: parsed.data.currentPassword,
    });
    revalidatePath(PATH);
    return {
      status: "success",
      message: `${newEmail} 주소로 확인 메일을 보냈어요. 메일의 링크를 누르면 로그인 이메일이 바뀌어요. 그전까지는 지금 이메일로 로그인해요.`,
    };
  } catch (error) {
    return { ...failedWith(error, "[account] change email"), values };
  }
}
