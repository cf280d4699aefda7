import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// The check behind endAllSessions (end-all-sessions.ts): run by Auth.js's jwt callback when its
// session endpoint reads a token, and by read-session.ts for the app's own reads.

/** The sign-in moment a token carries (ms since the epoch); absent in tokens issued before it. */
export const signedInAtSchema = z.number().int().nonnegative().optional().catch(undefined);

/**
 * True while the user exists and no endAllSessions happened after `signedInAt`. A token without
 * a sign-in time (issued before this check existed) counts as signed in before any ending.
 */
export async function sessionStillValid(
  executor: Executor,
  userId: string,
  signedInAt: number | undefined,
): Promise<boolean> {
  const [user] = await executor
    .select({ sessionsValidFrom: users.sessionsValidFrom })
    .from(users)
    .where(eq(users.id, userId));
  return user !== undefined && sessionOutlivesEnding(user.sessionsValidFrom, signedInAt);
}

/**
 * The same check on a row already read (read-session.ts reads it with the user's fields): no
 * ending, or a sign-in at or after it.
 */
export function sessionOutlivesEnding(
  sessionsValidFrom: Date | null,
  signedInAt: number | undefined,
): boolean {
  if (sessionsValidFrom === null) return true;
  return signedInAt !== undefined && signedInAt >= sessionsValidFrom.getTime();
}
