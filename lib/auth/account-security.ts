import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { accounts, users } from "@/lib/db/schema";

/** What /account/security shows: the sign-in address, whether it has a password, linked logins. */
export type AccountSecurity = {
  email: string;
  hasPassword: boolean;
  // "kakao", "naver": the OAuth logins linked to the account.
  linkedProviders: string[];
};

export async function getAccountSecurity(
  executor: Executor,
  userId: string,
): Promise<AccountSecurity | null> {
  const [user] = await executor
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) return null;
  const linked = await executor
    .select({ provider: accounts.provider })
    .from(accounts)
    .where(eq(accounts.userId, userId));
  return {
    email: user.email,
    hasPassword: user.passwordHash !== null,
    linkedProviders: linked.map((a) => a.provider),
  };
}
