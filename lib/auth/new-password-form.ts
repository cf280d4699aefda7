import { z } from "zod";
import { newPasswordSchema } from "./sign-up";

// A new password typed twice (reset, change). The policy is sign-up's (password-policy.ts).
export const newPasswordFormSchema = z
  .object({
    password: newPasswordSchema,
    passwordConfirm: z.string().max(200).optional().default(""),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "두 비밀번호가 서로 달라요. 같은 비밀번호를 한 번 더 입력해 주세요.",
  });
