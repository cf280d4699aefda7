import { createHash } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

// Fixed-window counters in PostgreSQL, shared by every server instance (Vercel runs many, so
// an in-memory counter would count per instance). One atomic upsert per call: the row is
// created, restarted when its window has passed, or incremented, and the new count decides.
// Used for what public endpoints must not let anyone do often: sign-ups, registration starts,
// provider status checks triggered by unsigned callbacks.

export type RateLimitRule = {
  /** Names the counter family: "sign-up:ip", "registration-start:user", … */
  name: string;
  /** Calls allowed per window. */
  limit: number;
  windowMs: number;
};

export type RateLimitDecision =
  { allowed: true; count: number } | { allowed: false; count: number; retryAfterSeconds: number };

// Rows whose window ended long ago are deleted now and then (1 call in PRUNE_EVERY), so the
// table stays the size of the active windows without a job of its own.
const PRUNE_EVERY = 200;

/** Row key: the subject (an address, an email, an id) is hashed; the table holds none of them. */
export function rateLimitKey(rule: RateLimitRule, subject: string): string {
  const digest = createHash("sha256").update(subject).digest("hex").slice(0, 40);
  return `${rule.name}:${digest}`;
}

/**
 * Counts one call of `subject` against `rule` and says whether it is within the limit. A refused
 * call still counts, so hammering a closed window does not reopen it sooner.
 */
export async function consumeRateLimit(
  executor: Executor,
  rule: RateLimitRule,
  subject: string,
  now: Date = new Date(),
): Promise<RateLimitDecision> {
  const key = rateLimitKey(rule, subject);
  const endsAt = new Date(now.getTime() + rule.windowMs);
  const rows = await executor
    .insert(rateLimits)
    .values({ key, count: 1, windowStartedAt: now, windowEndsAt: endsAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStartedAt} end`,
        windowEndsAt: sql`case when ${rateLimits.windowEndsAt} <= ${now.toISOString()}::timestamptz then ${endsAt.toISOString()}::timestamptz else ${rateLimits.windowEndsAt} end`,
      },
    })
    .returning({ count: rateLimits.count, windowEndsAt: rateLimits.windowEndsAt });
  const row = rows[0];
  if (!row) throw new Error("rate limit upsert returned nothing");

  if (Math.random() * PRUNE_EVERY < 1) {
    await executor.delete(rateLimits).where(lt(rateLimits.windowEndsAt, now));
  }

  if (row.count <= rule.limit) return { allowed: true, count: row.count };
  const retryAfterSeconds = Math.max(
    1,
    Math.ceil((row.windowEndsAt.getTime() - now.getTime()) / 1000),
  );
  return { allowed: false, count: row.count, retryAfterSeconds };
}
