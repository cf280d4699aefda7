import { randomBytes } from "node:crypto";
import { and, eq, gt, like, lt } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { verificationTokens } from "@/lib/db/schema";
import { hashVerificationToken, isWellFormedToken } from "./email-verification-token";

// The emailed links of "getting back in" (password reset, email change) use the same table and
// the same shape as the sign-up verification links (email-verification-token.ts): 32 random
// bytes in the email, their SHA-256 in verification_tokens, used up by a DELETE … RETURNING.
// The identifier says what the link is for and for whom: "password-reset:<user id>" or
// "email-change:<user id>:<new address>". /verify-email never mistakes one for its own: it looks
// up a user by the identifier as an email, and none has this shape.

export type AccountLinkPurpose = "password-reset" | "email-change";

/** The identifier prefix of one user's links for `purpose`. */
function prefixOf(purpose: AccountLinkPurpose, userId: string): string {
  return `${purpose}:${userId}`;
}

function identifierOf(purpose: AccountLinkPurpose, userId: string, detail?: string): string {
  return detail === undefined
    ? prefixOf(purpose, userId)
    : `${prefixOf(purpose, userId)}:${detail}`;
}

export type AccountLink = { userId: string; detail: string | null };

function parseIdentifier(purpose: AccountLinkPurpose, identifier: string): AccountLink | null {
  const match = new RegExp(`^${purpose}:([^:]+)(?::(.+))?$`).exec(identifier);
  if (!match?.[1]) return null;
  return { userId: match[1], detail: match[2] ?? null };
}

/** Deletes every link of `purpose` the user still holds (a newer one, or the change it was for). */
export async function revokeAccountLinks(
  tx: Executor,
  purpose: AccountLinkPurpose,
  userId: string,
): Promise<void> {
  const prefix = prefixOf(purpose, userId);
  await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, prefix));
  await tx.delete(verificationTokens).where(like(verificationTokens.identifier, `${prefix}:%`));
}

/**
 * A new link for `purpose`; the user's earlier ones stop working (the newest email is the one
 * to use). Returns the token, which only the email carries, and its hash (dedupe keys).
 */
export async function issueAccountLink(
  tx: Executor,
  input: { purpose: AccountLinkPurpose; userId: string; detail?: string; ttlMs: number; now: Date },
): Promise<{ token: string; tokenHash: string; expiresAt: Date }> {
  const token = randomBytes(32).toString("base64url");
  const tokenHash = hashVerificationToken(token);
  const expiresAt = new Date(input.now.getTime() + input.ttlMs);
  await revokeAccountLinks(tx, input.purpose, input.userId);
  // Housekeeping: links nobody used.
  await tx.delete(verificationTokens).where(lt(verificationTokens.expires, input.now));
  await tx.insert(verificationTokens).values({
    identifier: identifierOf(input.purpose, input.userId, input.detail),
    token: tokenHash,
    expires: expiresAt,
  });
  return { token, tokenHash, expiresAt };
}

/** Who a still-valid link belongs to, without using it up (the page that shows the form). */
export async function findAccountLink(
  executor: Executor,
  purpose: AccountLinkPurpose,
  token: string,
  now: Date,
): Promise<AccountLink | null> {
  if (!isWellFormedToken(token)) return null;
  const rows = await executor
    .select({ identifier: verificationTokens.identifier })
    .from(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, hashVerificationToken(token)),
        like(verificationTokens.identifier, `${purpose}:%`),
        gt(verificationTokens.expires, now),
      ),
    );
  const row = rows[0];
  return row ? parseIdentifier(purpose, row.identifier) : null;
}

/**
 * Uses up a link: its owner exactly once per valid, unexpired token, else null. The DELETE …
 * RETURNING is the atomic step, so two submits racing cannot both succeed. Call it in the
 * transaction that makes the change, so a failed change leaves the link usable.
 */
export async function consumeAccountLink(
  executor: Executor,
  purpose: AccountLinkPurpose,
  token: string,
  now: Date,
): Promise<AccountLink | null> {
  if (!isWellFormedToken(token)) return null;
  const deleted = await executor
    .delete(verificationTokens)
    .where(
      and(
        eq(verificationTokens.token, hashVerificationToken(token)),
        like(verificationTokens.identifier, `${purpose}:%`),
      ),
    )
    .returning({ identifier: verificationTokens.identifier, expires: verificationTokens.expires });
  const row = deleted[0];
  if (!row || row.expires <= now) return null;
  return parseIdentifier(purpose, row.identifier);
}
