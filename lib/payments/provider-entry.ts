import type { Env } from "@/lib/env";
import type { PaymentMode, PaymentProvider, ProviderName, RegistrationMethod } from "./types";

/**
 * What a provider can do with this environment, for the merchant's settings page and the
 * checks that refuse to enable or register with a provider that cannot run. Never throws and
 * never holds a secret: only whether its configuration is usable and why not.
 */
export type ProviderSetup = {
  // False until the provider's folder exists (Toss Payments: issue 10, PortOne: issue 11).
  implemented: boolean;
  // live: its keys move real money; sandbox: the built-in emulator or the provider's test keys.
  mode: PaymentMode;
  // A precise, merchant-facing reason it cannot be used, or null when it can.
  problem: string | null;
};

/** One line in the registry (lib/payments/registry.ts) per provider folder. */
export type ProviderEntry = {
  name: ProviderName;
  label: string; // as the merchant and the customer read it: "토스페이"
  // The kinds the checkout offers as separate choices, in order, when the provider registers
  // more than one through the same window (Toss Payments: card, 퀵계좌이체). Absent: one choice.
  registrationMethods?: readonly { method: RegistrationMethod; label: string }[];
  setup: (env: Env) => ProviderSetup;
  create: (env: Env) => PaymentProvider;
};

/**
 * The setup of an implemented provider whose configuration function throws when it cannot run:
 * usable (the sandbox or test keys move no money, live keys do) or the reason, never a secret.
 */
export function setupFromConfig(mode: PaymentMode, readConfig: () => unknown): ProviderSetup {
  try {
    readConfig();
  } catch (error) {
    return {
      implemented: true,
      mode,
      problem: error instanceof Error ? error.message : String(error),
    };
  }
  return { implemented: true, mode, problem: null };
}
