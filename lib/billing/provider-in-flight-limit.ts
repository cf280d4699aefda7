import { getEnv } from "@/lib/env";
import type { Provider } from "./provider-slots";

// The global cap on requests in flight to a provider (lib/env.ts BILLING_PROVIDER_MAX_IN_FLIGHT
// and its per-provider overrides; why 32: docs/billing-fan-out.md "The cap").

export function providerInFlightLimit(provider: Provider): number {
  const env = getEnv();
  const own = {
    toss_pay: env.BILLING_PROVIDER_MAX_IN_FLIGHT_TOSS_PAY,
    toss_payments: env.BILLING_PROVIDER_MAX_IN_FLIGHT_TOSS_PAYMENTS,
    portone: env.BILLING_PROVIDER_MAX_IN_FLIGHT_PORTONE,
  }[provider];
  return own ?? env.BILLING_PROVIDER_MAX_IN_FLIGHT;
}
