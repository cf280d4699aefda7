import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { type RateLimitRule, consumeRateLimit } from "@/lib/rate-limit/consume-rate-limit";

// Each registration start creates a billing key at the provider (a real request to Toss, which
// blocks IPs that call too often, docs/providers.md §1.1) and a pending row holding it. A customer
// needs a handful: a cancelled attempt, a second card, a retry after a decline. Five in ten
// minutes covers a customer trying several cards in one sitting; twenty a day stops a script
// (or a stuck button) from minting keys all day while never getting in a real customer's way.
export const REGISTRATION_START_RULES = {
  burst: { name: "registration-start:user:10m", limit: 5, windowMs: 10 * 60_000 },
  daily: { name: "registration-start:user:day", limit: 20, windowMs: 24 * 3_600_000 },
} as const satisfies Record<string, RateLimitRule>;

function waitPhrase(seconds: number): string {
  if (seconds < 60) return "잠시 후";
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes}분 후에`;
  return `${Math.ceil(minutes / 60)}시간 후에`;
}

/**
 * Counts one registration start for the customer, or throws `rate_limited` with a Korean
 * message before anything is asked of the provider.
 */
export async function throttleRegistrationStarts(userId: string, now: Date): Promise<void> {
  // The daily window is only charged when the short one lets the call through, so a burst of
  // refused clicks does not use up the customer's day.
  for (const rule of [REGISTRATION_START_RULES.burst, REGISTRATION_START_RULES.daily]) {
    const decision = await consumeRateLimit(db(), rule, userId, now);
    if (!decision.allowed) {
      throw new AppError(
        "rate_limited",
        `registration starts for user ${userId} over ${rule.name} (${rule.limit})`,
        {
          userMessage: `결제수단 등록을 짧은 시간에 여러 번 시도했어요. ${waitPhrase(decision.retryAfterSeconds)} 다시 시도해 주세요.`,
          details: { retryAfterSeconds: decision.retryAfterSeconds },
        },
      );
    }
  }
}
