import { getEnv, type Env } from "@/lib/env";
import type { MerchantSettings } from "@/lib/db/schema";
import { PROVIDER_NAMES, providerLabel, providerSetup } from "@/lib/payments/registry";
import type { ProviderName } from "@/lib/payments/types";

/** One provider as the settings page shows it: never a key, only whether it can run. */
export type ProviderRow = {
  name: ProviderName;
  label: string;
  // The merchant's order, 1-based, or null when it is off.
  position: number | null;
  readiness: "live" | "sandbox" | "misconfigured" | "not_implemented";
};

/** Every provider: the enabled ones first in the merchant's order, then the rest. */
export function listPaymentProviders(
  settings: Pick<MerchantSettings, "enabledProviders">,
  env: Env = getEnv(),
): ProviderRow[] {
  const order = [
    ...settings.enabledProviders,
    ...PROVIDER_NAMES.filter((name) => !settings.enabledProviders.includes(name)),
  ];
  return order.map((name) => {
    const setup = providerSetup(name, env);
    const position = settings.enabledProviders.indexOf(name);
    return {
      name,
      label: providerLabel(name),
      position: position === -1 ? null : position + 1,
      readiness: !setup.implemented
        ? "not_implemented"
        : setup.problem
          ? "misconfigured"
          : setup.mode,
    };
  });
}
