import { and, eq, isNull } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { consumeAccountLink, findAccountLink } from "./account-link-token";
import { endAllSessions } from "./end-all-sessions";
import { hashPassword } from "./password";
import { clearSignInFailures } from "./sign-in-throttle";

/** The address a still-valid reset link is for (the page shows it), without using it up. */
export async function describeResetLink(
  token: string | undefined,
  now = new Date(),
): Promise<{ email: string } | null> {
  if (!token) return null;
  const link = await findAccountLink(db(), "password-reset", token, now);
  if (!link) return null;
  const [user] = await db()
    .select({ email: users.email })
    .from(users)
    .where(eq(users.id, link.userId));
  return user ?? null;
}

export type ResetPasswordResult =
  { ok: true; email: string } | { ok: false; reason: "invalid-link" };

/**
 * Sets a new password from an emailed reset link: the link is used up, the password replaced,
 * every session signed out (whoever knew the old password is out), and the address counts as
 * verified (the click proved the mailbox). One transaction: a failure leaves the link usable.
 * `newPassword` is already checked against the policy (newPasswordSchema).
 */
export async function resetPassword(input: {
  token: string;
  newPassword: string;
  now?: Date;
}): Promise<ResetPasswordResult> {
  const now = input.now ?? new Date();
  // Hashed before the transaction: argon2 takes tens of milliseconds a row lock need not wait.
  const passwordHash = await hashPassword(input.newPassword);
  const database = db();
  const email = await database.transaction(async (tx) => {
    const link = await consumeAccountLink(tx, "password-reset", input.token, now);
    if (!link) return null;
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now })
      .where(eq(users.id, link.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) return null;
    await tx
      .update(users)
      .set({ emailVerified: now })
      .where(and(eq(users.id, user.id), isNull(users.emailVerified)));
    await endAllSessions(tx, user.id, now);
    return user.email;
  });
  if (!email) return { ok: false, reason: "invalid-link" };
  // The failed guesses that may have led here should not keep the owner out.
  await clearSignInFailures(database, email, null);
  return { ok: true, email };
}
