import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { normalizeEmail } from "./email";
import type { UserRole } from "./user";

/** The addresses in ADMIN_EMAILS (comma-separated), normalized like stored emails. */
export function parseAdminEmails(configured: string | undefined): ReadonlySet<string> {
  return new Set(
    (configured ?? "")
      .split(",")
      .map(normalizeEmail)
      .filter((email) => email !== ""),
  );
}

export function isAdminEmail(email: string, configured = getEnv().ADMIN_EMAILS): boolean {
  return parseAdminEmails(configured).has(normalizeEmail(email));
}

/**
 * Called on every sign-in and when an address is verified: a user whose email is in ADMIN_EMAILS
 * AND verified becomes an admin. Without the verification anyone could sign up (or sign in
 * with Kakao/Naver) as the listed address first and be an admin; the emailed link proves the
 * mailbox. Removing an address from the list does not demote anyone (that is an explicit admin
 * action), so this only ever promotes. Returns the user's role after the sync, or null when
 * the user does not exist.
 */
export async function syncAdminRole(executor: Executor, userId: string): Promise<UserRole | null> {
  const [user] = await executor
    .select({ email: users.email, role: users.role, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  if (user.role === "admin" || !isAdminEmail(user.email) || user.emailVerified === null) {
    return user.role;
  }
  await executor
    .update(users)
    .set({ role: "admin", updatedAt: new Date() })
    .where(and(eq(users.id, userId), isNotNull(users.emailVerified)));
  return "admin";
}
