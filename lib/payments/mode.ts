import { getEnv, type Env } from "@/lib/env";
import { defaultProviderFor } from "./provider-for";
import { PROVIDER_NAMES, providerSetup } from "./registry";
import type { PaymentMode, ProviderName } from "./types";

// What "test" and "live" mean across providers. Each provider decides its own mode from its
// own configuration (lib/payments/<provider>/config.ts) and reports it as PaymentProvider.mode.

export type { PaymentMode };

/**
 * The store's mode: live as soon as one implemented provider holds live keys (real money can
 * move), sandbox otherwise. Drives the sandbox banner and the 전자상거래법 checkout check.
 */
export function paymentMode(env: Env = getEnv()): PaymentMode {
  return PROVIDER_NAMES.some((name) => {
    const setup = providerSetup(name, env);
    return setup.implemented && setup.mode === "live";
  })
    ? "live"
    : "sandbox";
}

/**
 * Whether a charge through `method` is a test charge (charge_attempts.test_mode), decided when
 * its attempt is reserved. Either side makes it one: a method registered in test mode holds a
 * key that only a sandbox or a test key accepts, and a provider running on its sandbox (or a
 * test key) moves no money through any method. Decided before sending rather than from the
 * answer, so an attempt whose answer was lost is on the right side of the revenue line from the
 * start. `mode` is the mode of the provider that will send the charge; callers holding an
 * injected ProviderFor pass `providerFor(method.provider).mode`.
 */
export function isTestCharge(
  method: { testMode: boolean; provider: ProviderName },
  mode: PaymentMode = defaultProviderFor(method.provider).mode,
): boolean {
  return method.testMode || mode !== "live";
}
