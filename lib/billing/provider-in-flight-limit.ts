import { getEnv } from "@/lib/env";
import type { Provider } from "./provider-slots";

// The global cap on requests in flight to a provider (lib/env.ts BILLING_PROVIDER_MAX_IN_FLIGHT;
// why 32: docs/billing-fan-out.md "Which cap"). The same number for each provider: a store
// charges through one provider almost always, and a per-provider knob is easy to add here when
// one confirms a different limit.

export function providerInFlightLimit(_provider: Provider): number {
  return getEnv().BILLING_PROVIDER_MAX_IN_FLIGHT;
}
