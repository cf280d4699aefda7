import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { recordAgreements, type AgreementAnswers } from "@/lib/legal/record-agreements";
import { deliverNotificationsSoon } from "@/lib/notifications/deliver-soon";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import { emailSchema, normalizeEmail } from "./email";
import { issueEmailVerification } from "./email-verification-token";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, hashPassword } from "./password";

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
export type SignUpInput = {
  email: string;
  password: string;
  name?: string | undefined;
  // The sign-up form's consents; the two required ones are checked before this is called
  // (lib/legal/agreement-fields.ts) and stored with their document versions.
  agreements: AgreementAnswers;
};

// Sign-ups are checked before any password hash is computed (argon2 is the expensive part):
// - per client address, when it is known (client-ip.ts): 10 an hour covers a family or an
//   office signing up together, and stops one address from creating accounts in bulk;
// - per email: 5 an hour, so nobody can flood one mailbox with our emails;
// - for the whole store: 200 an hour, far above a small store's real sign-ups (a launch-day
//   rush included) and a ceiling on what a botnet with many addresses can make us hash and send.
export const SIGN_UP_RATE_LIMITS = {
  ip: { name: "sign-up:ip", limit: 10, windowMs: 60 * 60_000 },
  email: { name: "sign-up:email", limit: 5, windowMs: 60 * 60_000 },
  global: { name: "sign-up:global", limit: 200, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export type SignUpResult =
  | {
      ok: true;
      email: string;
      // The emailed link; only ever shown on screen in local development.
      verifyUrl: string | null;
    }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/**
 * Starts a sign-up with email and password. The answer, and the work done before it (one argon2
 * hash), are the same whether or not the address has an account, so sign-up does not reveal who
 * is a member; the difference only reaches the mailbox:
 * - a new address: the account is created unverified (it cannot sign in with its password, nor
 *   become an admin) and a verification link is emailed;
 * - an address with an unverified password account (an earlier sign-up never finished): its
 *   password and name are replaced and a new link is emailed. Whoever proves the mailbox with the
 *   password they chose is the owner; the verification page asks for that password too, so an
 *   earlier squatter's password is never activated by the owner's click;
 * - an address with a verified account, or a Kakao/Naver-only one: nothing changes, and the
 *   owner gets a "someone tried to sign up with your address" email.
 * The consents are recorded with the account they create (or re-answer), in the same
 * transaction; an existing verified account keeps its own standing answers.
 */
export async function signUpWithPassword(
  input: SignUpInput & { clientIp: string | null; callbackUrl?: string; now?: Date },
): Promise<SignUpResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const database = db();

  const checks: [RateLimitRule, string][] = [
    ...(input.clientIp
      ? [[SIGN_UP_RATE_LIMITS.ip, input.clientIp] as [RateLimitRule, string]]
      : []),
    [SIGN_UP_RATE_LIMITS.email, email],
    [SIGN_UP_RATE_LIMITS.global, "all"],
  ];
  for (const [rule, subject] of checks) {
    const decision = await consumeRateLimit(database, rule, subject, now);
    if (!decision.allowed) {
      return { ok: false, reason: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
    }
  }

  // Exactly one hash on every path, before we know which path this is.
  const passwordHash = await hashPassword(input.password);
  const verifyUrl = await database.transaction(async (tx) => {
    // The unique index decides, not a prior SELECT, so two simultaneous sign-ups with one email
    // cannot both create an account.
    const [created] = await tx
      .insert(users)
      .values({ email, name: input.name ?? null, passwordHash, role: "customer" })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (created) {
      await recordAgreements(tx, {
        userId: created.id,
        answers: input.agreements,
        channel: "sign_up",
        ip: input.clientIp,
        now,
      });
      return (await issueEmailVerification(tx, { ...input, userId: created.id, email, now }))
        .verifyUrl;
    }

    const [existing] = await tx
      .select({
        id: users.id,
        emailVerified: users.emailVerified,
        passwordHash: users.passwordHash,
      })
      .from(users)
      .where(eq(users.email, email))
      .for("update");
    if (!existing) return null;
    if (existing.emailVerified === null && existing.passwordHash !== null) {
      await tx
        .update(users)
        .set({ passwordHash, name: input.name ?? null, updatedAt: now })
        .where(eq(users.id, existing.id));
      await recordAgreements(tx, {
        userId: existing.id,
        answers: input.agreements,
        channel: "sign_up",
        ip: input.clientIp,
        now,
      });
      return (await issueEmailVerification(tx, { ...input, userId: existing.id, email, now }))
        .verifyUrl;
    }
    await enqueueNotification(tx, {
      userId: existing.id,
      kind: "sign_up_attempt",
      data: { signInUrl: new URL("/sign-in", getEnv().APP_URL).toString() },
      // At most one such email an hour per account, however often the form is tried.
      dedupeKey: dedupeKeyFor(
        "sign_up_attempt",
        existing.id,
        Math.floor(now.getTime() / 3_600_000),
      ),
      now,
    });
    return null;
  });
  deliverNotificationsSoon();
  return { ok: true, email, verifyUrl };
}
