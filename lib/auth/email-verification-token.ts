import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { verificationTokens } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { DEFAULT_CALLBACK_URL, safeCallbackUrl } from "./callback-url";

// Email verification links. The token is 32 random bytes sent only in the email; the database
// keeps its SHA-256 (Auth.js's verification_tokens table: identifier = the email, token = the
// hash), so a database leak does not verify anyone. A link works once (consuming deletes the
// row in the same statement that reads it) and for 24 hours.

export const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
export const VERIFY_EMAIL_PATH = "/verify-email";

export function hashVerificationToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A link's token must look like one we issued before it costs a database lookup. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Creates a fresh token for `email` (earlier ones stop working: the newest email is the one to
 * use) and enqueues the email that carries it. Call inside the transaction that creates or
 * changes the account; the caller schedules delivery (deliverNotificationsSoon) after commit.
 * Returns the link, which only local development shows on screen.
 */
export async function issueEmailVerification(
  tx: Executor,
  input: { userId: string; email: string; callbackUrl?: string; now: Date },
): Promise<{ verifyUrl: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashVerificationToken(token);
  const expiresAt = new Date(input.now.getTime() + EMAIL_VERIFICATION_TTL_MS);
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, input.email));
  // Housekeeping: links nobody used.
  await tx.delete(verificationTokens).where(lt(verificationTokens.expires, input.now));
  await tx
    .insert(verificationTokens)
    .values({ identifier: input.email, token: tokenHash, expires: expiresAt });

  const url = new URL(VERIFY_EMAIL_PATH, getEnv().APP_URL);
  url.searchParams.set("token", token);
  const callbackUrl = safeCallbackUrl(input.callbackUrl);
  if (callbackUrl !== DEFAULT_CALLBACK_URL) url.searchParams.set("callbackUrl", callbackUrl);
  const verifyUrl = url.toString();

  await enqueueNotification(tx, {
    userId: input.userId,
    kind: "email_verification",
    data: { verifyUrl, expiresAt },
    // One email per token; the hash prefix names it without revealing it.
    dedupeKey: dedupeKeyFor("email_verification", tokenHash.slice(0, 32)),
    now: input.now,
  });
  return { verifyUrl, expiresAt };
}

/** The email a still-valid token belongs to (without using it up), or null. */
export async function findVerificationEmail(
  executor: Executor,
  token: string,
  now: Date,
): Promise<string | null> {
  if (!isWellFormedToken(token)) return null;
  const [row] = await executor
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, hashVerificationToken(token)),
        gt(verificationTokens.expires, now),
      ),
    );
  return row?.identifier ?? null;
}

/**
 * Uses up `token` for `email`: true exactly once per valid, unexpired token. The DELETE …
 * RETURNING is the atomic step, so two clicks racing cannot both succeed.
 */
export async function consumeVerificationToken(
  executor: Executor,
  input: { email: string; token: string; now: Date },
): Promise<boolean> {
  if (!isWellFormedToken(input.token)) return false;
  const deleted = await executor
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.identifier, input.email),
        eq(verificationTokens.token, hashVerificationToken(input.token)),
      ),
    )
    .returning({ expires: verificationTokens.expires });
  const row = deleted[0];
  return row !== undefined && row.expires > input.now;
}
