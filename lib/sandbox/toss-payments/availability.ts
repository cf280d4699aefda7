import { type Env, getEnv } from "@/lib/env";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";

// The key prefix decides test or live (docs/providers.md §2.1). With a live secret key
// (live_sk_…, or the widget product's live_gsk_…) the store takes real payments and the
// mounted sandbox must not exist: a live deployment never answers as Toss Payments.
export function tossPaymentsSandboxAvailable(env: Env = getEnv()): boolean {
  return sandboxMayRun(env) && !env.TOSS_PAYMENTS_SECRET_KEY?.startsWith("live_");
}
