import { eq } from "drizzle-orm";
import { after } from "next/server";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { deliverNotificationsNow } from "@/lib/notifications/deliver-soon";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import { issueAccountLink } from "./account-link-token";
import { normalizeEmail } from "./email";

// "비밀번호를 잊으셨나요?": a reset link by email. The answer is the same for every address, and
// so is the work done before it: the request counts against its throttles and answers; looking
// the address up and writing the email happen after the response (Next's after()), so neither
// the message nor the response time says whether the address has an account.
//
// Kakao/Naver-only accounts get a link too: it lets them set a first password (the mailbox is
// proven by the click), and the email says they can keep signing in with Kakao/Naver instead.

export const PASSWORD_RESET_TTL_MS = 30 * 60_000;
export const RESET_PASSWORD_PATH = "/reset-password";

// Per client address: a household or an office forgetting together, not a sweep of addresses.
// Per email: 3 an hour, so nobody can flood a mailbox with reset emails.
export const PASSWORD_RESET_RATE_LIMITS = {
  ip: { name: "password-reset:ip", limit: 10, windowMs: 60 * 60_000 },
  email: { name: "password-reset:email", limit: 3, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export type PasswordResetRequestResult =
  { ok: true } | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

/** Runs work after the response; tests pass one that runs it at once and waits. */
export type Defer = (work: () => Promise<void>) => void;

const afterResponse: Defer = (work) => after(work);

export async function requestPasswordReset(input: {
  email: string;
  clientIp: string | null;
  now?: Date;
  defer?: Defer;
}): Promise<PasswordResetRequestResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const database = db();
  const checks: [RateLimitRule, string][] = [[PASSWORD_RESET_RATE_LIMITS.email, email]];
  if (input.clientIp) checks.unshift([PASSWORD_RESET_RATE_LIMITS.ip, input.clientIp]);
  for (const [rule, subject] of checks) {
    const decision = await consumeRateLimit(database, rule, subject, now);
    if (!decision.allowed) {
      return { ok: false, reason: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
    }
  }
  (input.defer ?? afterResponse)(async () => {
    try {
      if (await sendPasswordResetEmail(email, now)) await deliverNotificationsNow();
    } catch (error) {
      console.error("[auth] password reset email failed", error);
    }
  });
  return { ok: true };
}

/**
 * Writes the reset email for the account with `email`, if there is one (its earlier reset links
 * stop working). True when an email was written.
 */
export async function sendPasswordResetEmail(email: string, now: Date): Promise<boolean> {
  return db().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email));
    if (!user) return false;
    const link = await issueAccountLink(tx, {
      purpose: "password-reset",
      userId: user.id,
      ttlMs: PASSWORD_RESET_TTL_MS,
      now,
    });
    const resetUrl = new URL(RESET_PASSWORD_PATH, getEnv().APP_URL);
    resetUrl.searchParams.set("token", link.token);
    await enqueueNotification(tx, {
      userId: user.id,
      kind: "password_reset",
      data: {
        resetUrl: resetUrl.toString(),
        expiresAt: link.expiresAt,
        passwordless: user.passwordHash === null,
      },
      // One email per token; the hash prefix names it without revealing it.
      dedupeKey: dedupeKeyFor("password_reset", link.tokenHash.slice(0, 32)),
      now,
    });
    return true;
  });
}
