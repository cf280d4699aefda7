import type { MerchantSettings } from "@/lib/db/schema";
import type { AdminActor } from "./admin-actor";
import { saveMerchantSettings } from "./save-merchant-settings";
import { billingPolicySchema } from "./settings-input";

/** Dunning schedule, unpaid cancellation, incomplete expiry, consent fallback, concurrency. */
export function updateBillingPolicy(
  admin: AdminActor,
  input: unknown,
  options: { now?: Date } = {},
): Promise<MerchantSettings> {
  return saveMerchantSettings(
    admin,
    billingPolicySchema,
    "settings.billing_policy",
    input,
    options.now ?? new Date(),
  );
}
