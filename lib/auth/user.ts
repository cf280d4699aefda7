import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users, type userRole } from "@/lib/db/schema";

export type UserRole = (typeof userRole.enumValues)[number];

/** What the app knows about the signed-in user. Never carries the password hash. */
export type CurrentUser = {
  id: string;
  email: string;
  name: string | null;
  role: UserRole;
  // When the address was proven (the emailed link); null until then. Admin pages need it.
  emailVerified: Date | null;
};

export const currentUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerified: users.emailVerified,
};

export async function findCurrentUser(
  executor: Executor,
  userId: string,
): Promise<CurrentUser | null> {
  const [user] = await executor.select(currentUserColumns).from(users).where(eq(users.id, userId));
  return user ?? null;
}
