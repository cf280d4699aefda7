import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { providerSlug } from "@/lib/payments/provider-names";
import { SETTINGS_STORE as PORTONE } from "@/lib/sandbox/portone/settings";
import { SETTINGS_STORE as TOSS_PAYMENTS } from "@/lib/sandbox/toss-payments/settings";

// The sandboxes' webhooks reach the app's route (app/api/payments/[provider]/webhook) only if
// the default URL uses the route's slug: toss_payments would answer 404 and every
// BILLING_DELETED would be retried for days without the customer ever hearing of it.
describe("the webhook sandboxes' default webhook URL", () => {
  it.each([
    ["toss_payments", TOSS_PAYMENTS],
    ["portone", PORTONE],
  ] as const)("is the app's webhook route for %s", (provider, store) => {
    const appUrl = getEnv().APP_URL.replace(/\/+$/, "");
    expect(store.defaults().webhookUrl).toBe(
      `${appUrl}/api/payments/${providerSlug(provider)}/webhook`,
    );
  });
});
