import { z } from "zod";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { isAdminEmail } from "./admin-emails";
import { emailSchema, normalizeEmail } from "./email";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hashPassword } from "./password";
import { currentUserColumns, type CurrentUser } from "./user";

const NAME_MAX_LENGTH = 50;

export const newPasswordSchema = z
  .string({ error: "비밀번호를 입력해 주세요." })
  .min(PASSWORD_MIN_LENGTH, `비밀번호는 ${PASSWORD_MIN_LENGTH}자 이상이어야 해요.`)
  .max(PASSWORD_MAX_LENGTH, `비밀번호는 ${PASSWORD_MAX_LENGTH}자 이하로 입력해 주세요.`);

export const signUpSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  // Optional display name; an empty field means "no name".
  name: z
    .string()
    .trim()
    .max(NAME_MAX_LENGTH, `이름은 ${NAME_MAX_LENGTH}자 이하로 입력해 주세요.`)
    .optional()
    .transform((name) => (name === "" ? undefined : name)),
});

/** A parsed sign-up; the email is normalized again here, so callers other than the form are safe. */
export type SignUpInput = { email: string; password: string; name?: string | undefined };

export type RegisterUserResult =
  { ok: true; user: CurrentUser } | { ok: false; reason: "email-taken" };

/** Creates a customer (or an admin, for ADMIN_EMAILS) with an argon2id password hash. */
export async function registerUser(input: SignUpInput): Promise<RegisterUserResult> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  // The unique index decides, not a prior SELECT, so two simultaneous sign-ups with one email
  // cannot both succeed.
  const [user] = await db()
    .insert(users)
    .values({
      email,
      name: input.name ?? null,
      passwordHash,
      role: isAdminEmail(email) ? "admin" : "customer",
    })
    .onConflictDoNothing({ target: users.email })
    .returning(currentUserColumns);
  return user ? { ok: true, user } : { ok: false, reason: "email-taken" };
}
