import { eq } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// Sessions are JWTs (lib/auth/config.ts): nothing on the server lists them, so they cannot be
// deleted one by one. Instead the account records a moment, users.sessions_valid_from, and the
// jwt callback refuses every token whose sign-in happened before it (session-still-valid.ts).
// Auth.js re-issues the token (and refreshes its `iat`) on every session read, so the token
// carries its own `signedInAt`, set once when the user signs in.

/**
 * Signs the user out everywhere: every session signed in before `now` stops working at its next
 * request. Call it inside the transaction that changes the password (or erases the account), so
 * both happen or neither. A browser that should stay signed in (the one that just changed the
 * password) signs in again afterwards: a sign-in at or after `now` is valid.
 */
export async function endAllSessions(
  executor: Executor,
  userId: string,
  now: Date = new Date(),
): Promise<void> {
  await executor
    .update(users)
    .set({ sessionsValidFrom: now, updatedAt: now })
    .where(eq(users.id, userId));
}
