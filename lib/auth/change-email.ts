import { and, eq, ne } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users, verificationTokens } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { dedupeKeyFor, enqueueNotification } from "@/lib/notifications/enqueue-notification";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import {
  consumeAccountLink,
  findAccountLink,
  issueAccountLink,
  revokeAccountLinks,
} from "./account-link-token";
import { normalizeEmail } from "./email";
import { verifyPassword } from "./password";

// Changing the sign-in address, re-verified: the request emails a link to the NEW address (only
// its owner can confirm) and a notice to the OLD one; until the link is used, the old address
// stays the account's. The answer to the request is the same whether or not the new address
// already has an account, so this form is no lookup of members: a taken address is refused only
// when its link is used, to whoever opened that mailbox.

export const EMAIL_CHANGE_TTL_MS = 24 * 60 * 60_000;
export const CONFIRM_EMAIL_CHANGE_PATH = "/confirm-email-change";

// 3 an hour per account: enough to fix a typo twice, too few to mail strangers with it.
export const EMAIL_CHANGE_RATE_LIMIT = {
  name: "email-change:user",
  limit: 3,
  windowMs: 60 * 60_000,
} as const satisfies RateLimitRule;

export async function requestEmailChange(input: {
  userId: string;
  newEmail: string;
  // Required for a password account; a Kakao/Naver-only account has none to give.
  currentPassword: string;
  now?: Date;
}): Promise<{ newEmail: string }> {
  const now = input.now ?? new Date();
  const newEmail = normalizeEmail(input.newEmail);
  const database = db();
  const [user] = await database
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user) throw new AppError("not_found", `no user ${input.userId}`);
  if (newEmail === user.email) {
    throw new AppError("bad_request", "same email", {
      userMessage: "지금 쓰는 이메일과 같아요.",
      details: { fieldErrors: { newEmail: "지금 쓰는 이메일과 같아요. 새 주소를 입력해 주세요." } },
    });
  }
  const decision = await consumeRateLimit(database, EMAIL_CHANGE_RATE_LIMIT, input.userId, now);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "email change throttled", {
      userMessage: `요청이 너무 많아요. ${Math.ceil(decision.retryAfterSeconds / 60)}분 뒤에 다시 시도해 주세요.`,
    });
  }
  if (user.passwordHash && !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("bad_request", "wrong current password", {
      userMessage: "현재 비밀번호가 올바르지 않아요.",
      details: { fieldErrors: { currentPassword: "현재 비밀번호가 올바르지 않아요." } },
    });
  }

  await database.transaction(async (tx) => {
    const link = await issueAccountLink(tx, {
      purpose: "email-change",
      userId: input.userId,
      detail: newEmail,
      ttlMs: EMAIL_CHANGE_TTL_MS,
      now,
    });
    const confirmUrl = new URL(CONFIRM_EMAIL_CHANGE_PATH, getEnv().APP_URL);
    confirmUrl.searchParams.set("token", link.token);
    const cause = link.tokenHash.slice(0, 32);
    await enqueueNotification(tx, {
      userId: input.userId,
      recipient: newEmail,
      kind: "email_change_verification",
      data: { confirmUrl: confirmUrl.toString(), expiresAt: link.expiresAt, newEmail },
      dedupeKey: dedupeKeyFor("email_change_verification", cause),
      now,
    });
    await enqueueNotification(tx, {
      userId: input.userId,
      recipient: user.email,
      kind: "email_change_notice",
      data: { newEmail, stage: "requested" },
      dedupeKey: dedupeKeyFor("email_change_notice", "requested", cause),
      now,
    });
  });
  return { newEmail };
}

/** The change a still-valid link would make, without using it up (the confirmation page). */
export async function describeEmailChangeLink(
  token: string | undefined,
  now = new Date(),
): Promise<{ newEmail: string } | null> {
  if (!token) return null;
  const link = await findAccountLink(db(), "email-change", token, now);
  return link?.detail ? { newEmail: link.detail } : null;
}

export type ConfirmEmailChangeResult =
  { ok: true; newEmail: string } | { ok: false; reason: "invalid-link" | "taken" };

/**
 * Uses up the link and makes the new address the account's (verified: the click proved it).
 * The old address is told. A new address another account took meanwhile is refused (the unique
 * index decides) and the link stays used: the customer asks again from /account/security.
 */
export async function confirmEmailChange(input: {
  token: string;
  now?: Date;
}): Promise<ConfirmEmailChangeResult> {
  const now = input.now ?? new Date();
  return db().transaction(async (tx) => {
    const link = await consumeAccountLink(tx, "email-change", input.token, now);
    if (!link?.detail) return { ok: false, reason: "invalid-link" } as const;
    const newEmail = link.detail;
    const [taken] = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.email, newEmail), ne(users.id, link.userId)));
    if (taken) return { ok: false, reason: "taken" } as const;
    const [before] = await tx
      .select({ email: users.email })
      .from(users)
      .where(eq(users.id, link.userId))
      .for("update");
    if (!before) return { ok: false, reason: "invalid-link" } as const;
    await tx
      .update(users)
      .set({ email: newEmail, emailVerified: now, updatedAt: now })
      .where(eq(users.id, link.userId));
    // Other pending changes, and sign-up links still out for the old address, are void now.
    await revokeAccountLinks(tx, "email-change", link.userId);
    await tx.delete(verificationTokens).where(eq(verificationTokens.identifier, before.email));
    await enqueueNotification(tx, {
      userId: link.userId,
      recipient: before.email,
      kind: "email_change_notice",
      data: { newEmail, stage: "changed" },
      dedupeKey: dedupeKeyFor("email_change_notice", "changed", link.userId, now.getTime()),
      now,
    });
    return { ok: true, newEmail } as const;
  });
}
