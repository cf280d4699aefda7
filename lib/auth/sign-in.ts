import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { syncAdminRole } from "./admin-emails";
import { isValidDeviceToken } from "./device-cookie";
import { markEmailVerified } from "./mark-email-verified";
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
 * for an unknown email, an account without a password (Kakao/Naver only), a wrong password and
 * an account whose email is not verified yet, so the response does not reveal which emails have
 * accounts.
 *
 * Unverified accounts get "invalid" even with the right password, on purpose: a distinct
 * "verify your email first" would only ever follow a correct password, but an attacker who signs
 * up with someone's address and then signs in with the password they chose would see it exactly
 * when the address was NOT registered before (sign-up creates nothing for a taken address), and
 * sign-up would be a membership oracle again. The sign-in page offers everyone "인증 메일 다시
 * 보내기" (/verify-email/resend) instead.
 *
 * `verificationToken` comes from the emailed link (/verify-email): with the right password it
 * verifies the address and signs in, in one step. Asking for the password there, and not only
 * for the link, means whoever squats an address by signing up first cannot have the real owner
 * activate the squatter's password by clicking.
 *
 * `deviceToken` is the browser's device cookie (device-cookie.ts): when it is valid for this
 * account, a blocked account bucket does not refuse the attempt (soft lock).
 */
export async function authenticateWithPassword(
  input: SignInInput & {
    clientIp: string | null;
    deviceToken?: string | null;
    verificationToken?: string | null;
    now?: Date;
  },
): Promise<PasswordSignInResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const database = db();

  const [user] = await database
    .select({ id: users.id, passwordHash: users.passwordHash, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.email, email));
  const trustedDevice =
    user !== undefined && isValidDeviceToken(input.deviceToken, user.id, now)
      ? (input.deviceToken ?? null)
      : null;
  const buckets = throttleBuckets(email, input.clientIp, trustedDevice);
  // With a trusted device the account's bucket does not block (its own bucket and the
  // address's do); without one every bucket does.
  const blocking = trustedDevice ? buckets.filter((b) => b.kind !== "email") : buckets;

  const waitSeconds = await throttleRetryAfter(database, blocking, now);
  if (waitSeconds !== null)
    return { ok: false, reason: "throttled", retryAfterSeconds: waitSeconds };

  let valid = false;
  if (user?.passwordHash) {
    valid = await verifyPassword(user.passwordHash, input.password);
  } else {
    await verifyAgainstDummy(input.password);
  }

  const verified =
    user !== undefined &&
    valid &&
    (user.emailVerified !== null ||
      (Boolean(input.verificationToken) &&
        (await markEmailVerified(database, {
          userId: user.id,
          email,
          token: input.verificationToken ?? "",
          now,
        }))));

  if (!user || !valid || !verified) {
    const blockedFor = await recordSignInFailure(database, buckets, now);
    // A trusted device is not refused because the account bucket just filled up.
    const stillBlocking = trustedDevice
      ? await throttleRetryAfter(database, blocking, now)
      : blockedFor;
    return stillBlocking === null
      ? { ok: false, reason: "invalid" }
      : { ok: false, reason: "throttled", retryAfterSeconds: stillBlocking };
  }

  await clearSignInFailures(database, email, trustedDevice);
  await syncAdminRole(database, user.id);
  const signedIn = await findCurrentUser(database, user.id);
  // The row was read a moment ago; only a concurrent account deletion gets here.
  return signedIn ? { ok: true, user: signedIn } : { ok: false, reason: "invalid" };
}
