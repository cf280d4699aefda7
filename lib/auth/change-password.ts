import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { consumeRateLimit, type RateLimitRule } from "@/lib/rate-limit/consume-rate-limit";
import { revokeAccountLinks } from "./account-link-token";
import { endAllSessions } from "./end-all-sessions";
import { hashPassword, verifyPassword } from "./password";

// A signed-in customer changes their password on /account/security. The current password is
// asked for (a borrowed, unlocked laptop must not be enough), guesses are throttled per account,
// and every session ends: the caller signs this browser in again with the new password.

export const CHANGE_PASSWORD_RATE_LIMIT = {
  name: "change-password:user",
  limit: 5,
  windowMs: 15 * 60_000,
} as const satisfies RateLimitRule;

export async function changePassword(input: {
  userId: string;
  currentPassword: string;
  newPassword: string;
  now?: Date;
}): Promise<void> {
  const now = input.now ?? new Date();
  const database = db();
  const decision = await consumeRateLimit(database, CHANGE_PASSWORD_RATE_LIMIT, input.userId, now);
  if (!decision.allowed) {
    throw new AppError("rate_limited", "change-password throttled", {
      userMessage: `시도가 너무 많아요. ${Math.ceil(decision.retryAfterSeconds / 60)}분 뒤에 다시 시도해 주세요.`,
    });
  }
  const [user] = await database
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!user?.passwordHash) {
    throw new AppError("conflict", "account has no password", {
      userMessage: "비밀번호가 없는 계정이에요. 이메일로 링크를 받아 비밀번호를 정해 주세요.",
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("bad_request", "wrong current password", {
      userMessage: "현재 비밀번호가 올바르지 않아요.",
      details: { fieldErrors: { currentPassword: "현재 비밀번호가 올바르지 않아요." } },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await database.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, input.userId));
    // A reset link sent earlier would set the password back to whatever its holder types.
    await revokeAccountLinks(tx, "password-reset", input.userId);
    await endAllSessions(tx, input.userId, now);
  });
}
