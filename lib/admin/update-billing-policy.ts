import { settingsSectionUpdater } from "./save-merchant-settings";
import { billingPolicySchema } from "./settings-input";

/** Dunning schedule, unpaid cancellation, incomplete expiry, consent fallback, concurrency. */
export const updateBillingPolicy = settingsSectionUpdater(
  billingPolicySchema,
  "settings.billing_policy",
);
