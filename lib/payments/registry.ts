import { getEnv, type Env } from "@/lib/env";
import type { ProviderEntry, ProviderSetup } from "./provider-entry";
import { portOneEntry } from "./portone/entry";
import { tossPayEntry } from "./toss-pay/entry";
import { tossPaymentsEntry } from "./toss-payments/entry";
import type { PaymentProvider, ProviderName } from "./types";

// The one place that turns a provider name (payment_methods.provider, charge_attempts.provider,
// merchant_settings.enabled_providers) into a configured PaymentProvider. Every ProviderName
// has a line: adding a provider is its folder under lib/payments/<provider>/ and its line here.
// Configuration comes from the environment once per process.

const ENTRIES: Record<ProviderName, ProviderEntry> = {
  toss_pay: tossPayEntry,
  toss_payments: tossPaymentsEntry,
  portone: portOneEntry,
};

/** Every provider, in a stable order (the settings page lists them this way). */
export const PROVIDER_NAMES = Object.keys(ENTRIES) as ProviderName[];

export function providerLabel(name: ProviderName): string {
  return ENTRIES[name].label;
}

export function providerSetup(name: ProviderName, env: Env = getEnv()): ProviderSetup {
  return ENTRIES[name].setup(env);
}

const providers = new Map<ProviderName, PaymentProvider>();

export function getPaymentProvider(name: ProviderName): PaymentProvider {
  const existing = providers.get(name);
  if (existing) return existing;
  const provider = ENTRIES[name].create(getEnv());
  providers.set(name, provider);
  return provider;
}

/** The kinds the checkout offers as separate choices for this provider; empty: one choice. */
export function providerRegistrationMethods(
  name: ProviderName,
): NonNullable<ProviderEntry["registrationMethods"]> {
  return ENTRIES[name].registrationMethods ?? [];
}
