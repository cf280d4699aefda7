import type { MerchantSettings } from "@/lib/db/schema";
import type { DunningPolicy } from "./subscription-transitions";

export function dunningPolicyOf(settings: MerchantSettings): DunningPolicy {
  return {
    retryDays: settings.dunningRetryDays,
    unpaidCancelAfterDays: settings.unpaidCancelAfterDays,
  };
}
