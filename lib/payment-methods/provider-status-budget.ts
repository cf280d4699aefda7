import { db } from "@/lib/db/client";
import type { ProviderName } from "@/lib/payments/types";
import { type RateLimitRule, consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

// How often, in all, this store may ask a provider about a registration's status. The per-
// registration limits (the waiting page's 8-second claim in registration-status.ts, the
// callback's per-event limits in throttle-status-checks.ts) do not bound the total: 1,000
// customers waiting at once would make 125 calls a second. Toss documents no number, only that
// "repeated aggressive calls can get your IP auto-blocked" (docs/providers.md §1.1), and PortOne
// and Toss Payments publish none for these lookups either, so the budget is a conservative one
// of our own: 10 calls a second per provider, counted in PostgreSQL so every server instance
// shares it. A check that finds the budget spent is simply not made: the registration stays
// pending and is asked about on a later poll, the provider's own callback activates it at once
// anyway, and the billing cron's sweeper confirms whatever is left.
export const PROVIDER_STATUS_CALL_RULE: RateLimitRule = {
  name: "provider-status-call:provider:1s",
  limit: 10,
  windowMs: 1_000,
};

/** Takes one status call from the provider's budget; false when this second's is spent. */
export async function takeProviderStatusCall(provider: ProviderName, now: Date): Promise<boolean> {
  // Windows on whole seconds of the clock, so no clock second holds more than one window's
  // budget (a window started at the first call of a burst could straddle two seconds).
  const second = new Date(Math.floor(now.getTime() / 1_000) * 1_000);
  const decision = await consumeRateLimit(db(), PROVIDER_STATUS_CALL_RULE, provider, second);
  return decision.allowed;
}
