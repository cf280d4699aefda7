import { createHash } from "node:crypto";
import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { signInThrottles } from "@/lib/db/schema";
import { normalizeEmail } from "./email";

// Slows down password guessing. Failures are counted per email (protects one account from a
// botnet) and per client address (stops one address from spraying many accounts; its limit is
// higher because offices and mobile carriers put many people behind one address). Within a
// 15-minute window the first failures are free; from then on each failure blocks the bucket for
// a delay that doubles (30 s, 1 min, 2 min, ...) up to 15 minutes. Counting never depends on
// whether the email has an account, so the throttle cannot be used to find out which emails are
// registered.
//
// The account's bucket is a SOFT lock: a browser with a valid device cookie for the account
// (device-cookie.ts) is still checked while it is blocked, so guessing cannot lock the owner
// out. That browser's failures count in a bucket of its own ("device"), so a stolen device
// cookie buys no more guesses than the account bucket would. The address bucket stays hard.
export const SIGN_IN_THROTTLE = {
  windowMs: 15 * 60_000,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  freeFailures: { email: 5, ip: 20, device: 5 },
} as const;

type BucketKind = keyof typeof SIGN_IN_THROTTLE.freeFailures;

export type ThrottleBucket = { key: string; kind: BucketKind };

export type ThrottleState = {
  failures: number;
  windowStartedAt: Date;
  blockedUntil: Date | null;
};

/** Row key: hashed so the table holds no readable emails or IP addresses. */
export function throttleKey(kind: BucketKind, value: string): string {
  const digest = createHash("sha256").update(value).digest("hex").slice(0, 40);
  return `${kind}:${digest}`;
}

export function throttleBuckets(
  email: string,
  clientIp: string | null,
  deviceToken: string | null = null,
): ThrottleBucket[] {
  const buckets: ThrottleBucket[] = [
    { kind: "email", key: throttleKey("email", normalizeEmail(email)) },
  ];
  if (clientIp) buckets.push({ kind: "ip", key: throttleKey("ip", clientIp) });
  if (deviceToken) buckets.push({ kind: "device", key: throttleKey("device", deviceToken) });
  return buckets;
}

/** The state after one more failure. Pure, so the policy is testable without a clock. */
export function stateAfterFailure(
  previous: ThrottleState | undefined,
  kind: BucketKind,
  now: Date,
): ThrottleState {
  // A streak of failures lasts for the window after its first failure, or after its latest
  // block ended: retrying the moment a block ends keeps escalating towards the cap instead of
  // starting over with free attempts.
  const streakEndsAt = previous
    ? Math.max(previous.windowStartedAt.getTime(), previous.blockedUntil?.getTime() ?? 0) +
      SIGN_IN_THROTTLE.windowMs
    : 0;
  const windowOpen = previous !== undefined && now.getTime() < streakEndsAt;
  const failures = windowOpen ? previous.failures + 1 : 1;
  const windowStartedAt = windowOpen ? previous.windowStartedAt : now;
  const overLimit = failures - SIGN_IN_THROTTLE.freeFailures[kind];
  if (overLimit < 0) return { failures, windowStartedAt, blockedUntil: null };
  const delayMs = Math.min(
    SIGN_IN_THROTTLE.baseDelayMs * 2 ** overLimit,
    SIGN_IN_THROTTLE.maxDelayMs,
  );
  return { failures, windowStartedAt, blockedUntil: new Date(now.getTime() + delayMs) };
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}

/** Seconds the caller must still wait, or null when no bucket is blocked. */
export async function throttleRetryAfter(
  database: Database,
  buckets: ThrottleBucket[],
  now: Date,
): Promise<number | null> {
  const rows = await database
    .select({ blockedUntil: signInThrottles.blockedUntil })
    .from(signInThrottles)
    .where(
      inArray(
        signInThrottles.key,
        buckets.map((b) => b.key),
      ),
    );
  const latest = rows
    .map((r) => r.blockedUntil)
    .filter((until): until is Date => until !== null && until > now)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  return latest ? secondsUntil(latest, now) : null;
}

/**
 * Counts one failed attempt in every bucket. Returns the seconds the caller must now wait, or
 * null when this failure did not block. Rows are locked, so concurrent failures all count.
 */
export async function recordSignInFailure(
  database: Database,
  buckets: ThrottleBucket[],
  now: Date,
): Promise<number | null> {
  const blockedUntil = await database.transaction(async (tx) => {
    let latest: Date | null = null;
    // A fixed lock order keeps two concurrent failures from deadlocking.
    for (const bucket of [...buckets].sort((a, b) => a.key.localeCompare(b.key))) {
      await tx
        .insert(signInThrottles)
        .values({ key: bucket.key, failures: 0, windowStartedAt: now })
        .onConflictDoNothing();
      const [current] = await tx
        .select()
        .from(signInThrottles)
        .where(eq(signInThrottles.key, bucket.key))
        .for("update");
      const next = stateAfterFailure(
        current && current.failures > 0 ? current : undefined,
        bucket.kind,
        now,
      );
      await tx.update(signInThrottles).set(next).where(eq(signInThrottles.key, bucket.key));
      if (next.blockedUntil && (!latest || next.blockedUntil > latest)) latest = next.blockedUntil;
    }
    return latest;
  });
  await pruneExpiredThrottles(database, now);
  return blockedUntil ? secondsUntil(blockedUntil, now) : null;
}

/** A correct password clears the account's bucket (and the device's). The address bucket keeps
 * counting: one valid account must not let an address reset its guesses against others. */
export async function clearSignInFailures(
  database: Database,
  email: string,
  deviceToken: string | null = null,
): Promise<void> {
  const keys = [throttleKey("email", normalizeEmail(email))];
  if (deviceToken) keys.push(throttleKey("device", deviceToken));
  await database.delete(signInThrottles).where(inArray(signInThrottles.key, keys));
}

async function pruneExpiredThrottles(database: Database, now: Date): Promise<void> {
  // The rows stateAfterFailure would start over from anyway.
  const windowStart = new Date(now.getTime() - SIGN_IN_THROTTLE.windowMs);
  await database
    .delete(signInThrottles)
    .where(
      and(
        lt(signInThrottles.windowStartedAt, windowStart),
        or(isNull(signInThrottles.blockedUntil), lt(signInThrottles.blockedUntil, windowStart)),
      ),
    );
}
