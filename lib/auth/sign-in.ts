import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { syncAdminRole } from "./admin-emails";
import { emailSchema, normalizeEmail } from "./email";
import { PASSWORD_MAX_LENGTH, verifyAgainstDummy, verifyPassword } from "./password";
import {
  clearSignInFailures,
  recordSignInFailure,
  throttleBuckets,
  throttleRetryAfter,
} from "./sign-in-throttle";
import { findCurrentUser, type CurrentUser } from "./user";

export const signInSchema = z.object({
  email: emailSchema,
  // No minimum beyond "not empty": a policy change must not lock out older passwords. The cap
  // keeps a megabyte "password" from costing a hash.
  password: z
    .string({ error: "비밀번호를 입력해 주세요." })
    .min(1, "비밀번호를 입력해 주세요.")
    .max(PASSWORD_MAX_LENGTH, `비밀번호는 ${PASSWORD_MAX_LENGTH}자 이하로 입력해 주세요.`),
});

export type SignInInput = z.infer<typeof signInSchema>;

export type PasswordSignInFailure =
  { ok: false; reason: "invalid" } | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export type PasswordSignInResult = { ok: true; user: CurrentUser } | PasswordSignInFailure;

/**
 * Checks an email and password. "invalid" is the same answer, after the same amount of work,
 * for an unknown email, an account without a password (Kakao/Naver only) and a wrong password,
 * so the response does not reveal which emails have accounts.
 */
export async function authenticateWithPassword(
  input: SignInInput & { clientIp: string | null; now?: Date },
): Promise<PasswordSignInResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const database = db();
  const buckets = throttleBuckets(email, input.clientIp);

  const waitSeconds = await throttleRetryAfter(database, buckets, now);
  if (waitSeconds !== null)
    return { ok: false, reason: "throttled", retryAfterSeconds: waitSeconds };

  const [user] = await database
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  let valid = false;
  if (user?.passwordHash) {
    valid = await verifyPassword(user.passwordHash, input.password);
  } else {
    await verifyAgainstDummy(input.password);
  }

  if (!user || !valid) {
    const blockedFor = await recordSignInFailure(database, buckets, now);
    return blockedFor === null
      ? { ok: false, reason: "invalid" }
      : { ok: false, reason: "throttled", retryAfterSeconds: blockedFor };
  }

  await clearSignInFailures(database, email);
  await syncAdminRole(database, user.id);
  const signedIn = await findCurrentUser(database, user.id);
  // The row was read a moment ago; only a concurrent account deletion gets here.
  return signedIn ? { ok: true, user: signedIn } : { ok: false, reason: "invalid" };
}
