import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

// The check behind endAllSessions (end-all-sessions.ts), run by the jwt callback on every
// session read: one primary-key lookup, the same row the guards read next.

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
  if (!user) return false;
  if (user.sessionsValidFrom === null) return true;
  return signedInAt !== undefined && signedInAt >= user.sessionsValidFrom.getTime();
}
