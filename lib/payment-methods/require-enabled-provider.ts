import type { Executor } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { providerLabel } from "@/lib/payments/registry";
import type { ProviderName } from "@/lib/payments/types";

/**
 * Refuses a registration through a provider the merchant has not enabled
 * (merchant_settings.enabled_providers): the checkout only offers enabled ones, so anything
 * else is a stale page or a forged form. Checked before anything is created.
 */
export async function requireEnabledProvider(
  provider: ProviderName,
  executor?: Executor,
): Promise<void> {
  const { enabledProviders } = await getMerchantSettings(executor);
  if (enabledProviders.includes(provider)) return;
  throw new AppError(
    "bad_request",
    `Payment provider "${provider}" is not enabled in the merchant settings (enabled: ${enabledProviders.join(", ")}); registration refused.`,
    {
      userMessage: `지금은 ${providerLabel(provider)} 결제수단을 등록할 수 없어요. 화면을 새로고침한 뒤 다시 골라 주세요.`,
    },
  );
}
