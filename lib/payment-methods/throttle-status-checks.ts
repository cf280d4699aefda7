import { db } from "@/lib/db/client";
import type { ProviderName } from "@/lib/payments/types";
import { type RateLimitRule, consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";
import { takeProviderStatusCall } from "./provider-status-budget";

// Unsigned callbacks are only triggers: each one that names a payment method of ours makes us
// ask the provider (Toss Pay's /billing-key/status), and Toss blocks IPs that call too often
// (docs/providers.md §1.1). A genuine event needs one check: Toss delivers an event at most five
// times, three minutes apart (§1.4.2), and a key has at most two events (ACTIVATED, REMOVED).
// So: one check per event (method and action) per 10 seconds absorbs a burst of copies into
// a single call, and 20 an hour per method caps a slow drip (one every 10 s would still be 360
// an hour) while leaving genuine deliveries far more room than they ever use. The short window
// is per event, not per method, so a genuine REMOVED soon after the ACTIVATED is not held up.
// On top of both, every check spends from the provider's shared budget (provider-status-budget.ts),
// so callbacks naming many different registrations cannot add up past it either.
export const STATUS_CHECK_RULES = {
  burst: { name: "provider-status-check:event:10s", limit: 1, windowMs: 10_000 },
  hourly: { name: "provider-status-check:method:hour", limit: 20, windowMs: 3_600_000 },
} as const satisfies Record<string, RateLimitRule>;

// budgetSpent: this delivery may be the only one (not a copy absorbed by the per-event rules),
// so it must be delivered again: the route answers it 503 and the provider retries.
export type StatusCheckDecision =
  { allowed: true } | { allowed: false; retryAfterSeconds: number; budgetSpent: boolean };

/** Counts one callback-triggered provider check for the method, or says to wait. */
export async function throttleStatusChecks(
  method: { id: string; provider: ProviderName },
  eventType: string,
  now: Date,
): Promise<StatusCheckDecision> {
  const methodId = method.id;
  const checks = [
    [STATUS_CHECK_RULES.burst, `${methodId}:${eventType}`],
    [STATUS_CHECK_RULES.hourly, methodId],
  ] as const;
  for (const [rule, subject] of checks) {
    const decision = await consumeRateLimit(db(), rule, subject, now);
    if (!decision.allowed) {
      return { allowed: false, retryAfterSeconds: decision.retryAfterSeconds, budgetSpent: false };
    }
  }
  if (!(await takeProviderStatusCall(method.provider, now))) {
    return { allowed: false, retryAfterSeconds: 1, budgetSpent: true };
  }
  return { allowed: true };
}
