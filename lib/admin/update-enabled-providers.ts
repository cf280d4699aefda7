import { getEnv, type Env } from "@/lib/env";
import type { MerchantSettings } from "@/lib/db/schema";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { providerLabel, providerSetup } from "@/lib/payments/registry";
import type { AdminActor } from "./admin-actor";
import { particles } from "./korean-particles";
import { fieldError, parseAdminInput } from "./parse-admin-input";
import { saveMerchantSettings } from "./save-merchant-settings";
import { enabledProvidersSchema } from "./settings-input";

/**
 * Which providers the checkout offers and in what order (merchant_settings.enabled_providers),
 * audited like every settings change. At least one stays enabled, and a provider is only
 * switched on when it can take a registration: implemented and configured in this environment.
 * One already enabled stays allowed (turning another off must not fail because of it).
 */
export async function updateEnabledProviders(
  admin: AdminActor,
  input: unknown,
  options: { now?: Date; env?: Env } = {},
): Promise<MerchantSettings> {
  const { enabledProviders } = parseAdminInput(enabledProvidersSchema, input);
  const current = await getMerchantSettings();
  for (const name of enabledProviders) {
    if (current.enabledProviders.includes(name)) continue;
    const setup = providerSetup(name, options.env ?? getEnv());
    if (setup.problem === null) continue;
    const label = providerLabel(name);
    throw fieldError(
      "bad_request",
      "enabledProviders",
      setup.implemented
        ? `${label}${particles(label).object} 켤 수 없어요. 설정을 확인해 주세요: ${setup.problem}`
        : `${label}${particles(label).topic} 아직 연동되지 않아 켤 수 없어요.`,
    );
  }
  return saveMerchantSettings(
    admin,
    enabledProvidersSchema,
    "settings.payment_providers",
    { enabledProviders },
    options.now ?? new Date(),
  );
}
