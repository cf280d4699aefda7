import { describe, expect, it } from "vitest";
import { getEnv } from "@/lib/env";
import { providerSlug } from "@/lib/payments/provider-names";
import { defaultSettings } from "@/lib/sandbox/toss-payments/settings";

// The sandbox's webhooks reach the app's route (app/api/payments/[provider]/webhook) only if
// the default URL uses the route's slug: toss_payments would answer 404 and every
// BILLING_DELETED would be retried for days without the customer ever hearing of it.
describe("the Toss Payments sandbox's default webhook URL", () => {
  it("is the app's webhook route for toss-payments", () => {
    const appUrl = getEnv().APP_URL.replace(/\/+$/, "");
    expect(defaultSettings().webhookUrl).toBe(
      `${appUrl}/api/payments/${providerSlug("toss_payments")}/webhook`,
    );
  });
});
