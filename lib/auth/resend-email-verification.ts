import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { deliverNotificationsSoon } from "@/lib/notifications/deliver-soon";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import { normalizeEmail } from "./email";
import { issueEmailVerification } from "./email-verification-token";

// "인증 메일 다시 보내기": a new link for an account whose address is not verified yet (a
// password sign-up that lost its email, or a Kakao/Naver account listed in ADMIN_EMAILS). The
// answer is the same for every address (the caller shows one message), so it reveals nothing;
// only an unverified account's mailbox gets an email. Limited per client address and per email
// (3 an hour: enough to recover from a lost email, too few to flood a mailbox).
export const RESEND_VERIFICATION_RATE_LIMITS = {
  ip: { name: "verify-resend:ip", limit: 10, windowMs: 60 * 60_000 },
  email: { name: "verify-resend:email", limit: 3, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimitRule>;

export type ResendVerificationResult =
  | { ok: true; verifyUrl: string | null }
  | { ok: false; reason: "rate-limited"; retryAfterSeconds: number };

export async function resendEmailVerification(input: {
  email: string;
  clientIp: string | null;
  callbackUrl?: string;
  now?: Date;
}): Promise<ResendVerificationResult> {
  const now = input.now ?? new Date();
  const email = normalizeEmail(input.email);
  const database = db();
  const checks: [RateLimitRule, string][] = [[RESEND_VERIFICATION_RATE_LIMITS.email, email]];
  if (input.clientIp) checks.unshift([RESEND_VERIFICATION_RATE_LIMITS.ip, input.clientIp]);
  for (const [rule, subject] of checks) {
    const decision = await consumeRateLimit(database, rule, subject, now);
    if (!decision.allowed) {
      return { ok: false, reason: "rate-limited", retryAfterSeconds: decision.retryAfterSeconds };
    }
  }

  const verifyUrl = await database.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, email), isNull(users.emailVerified)));
    if (!user) return null;
    const issued = await issueEmailVerification(tx, {
      userId: user.id,
      email,
      now,
      ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
    });
    return issued.verifyUrl;
  });
  if (verifyUrl) deliverNotificationsSoon();
  return { ok: true, verifyUrl };
}
