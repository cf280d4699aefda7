import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { syncAdminRole } from "./admin-emails";
import { consumeVerificationToken } from "./email-verification-token";

/**
 * Uses up the emailed token and marks the account's address verified, in one transaction; then
 * applies ADMIN_EMAILS (a listed address becomes an admin only now, once its owner proved it).
 * False when the token is unknown, used or expired.
 */
export async function markEmailVerified(
  database: Database,
  input: { userId: string; email: string; token: string; now: Date },
): Promise<boolean> {
  const consumed = await database.transaction(async (tx) => {
    if (!(await consumeVerificationToken(tx, input))) return false;
    await tx
      .update(users)
      .set({ emailVerified: input.now, updatedAt: input.now })
      .where(and(eq(users.id, input.userId), isNull(users.emailVerified)));
    return true;
  });
  if (consumed) await syncAdminRole(database, input.userId);
  return consumed;
}
