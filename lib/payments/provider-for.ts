import { getPaymentProvider } from "@/lib/payments/registry";
import type { PaymentProvider, ProviderName } from "@/lib/payments/types";

/**
 * How the engine finds the provider of a method or attempt. The registry by default; tests and
 * the benchmark pass their own (a client with a short timeout against a local sandbox).
 */
export type ProviderFor = (name: ProviderName) => PaymentProvider;

export const defaultProviderFor: ProviderFor = (name) => getPaymentProvider(name);
