import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import type { ProviderName } from "@/lib/payments/types";

/**
 * The provider a registration goes through: the one the customer picked when the checkout
 * offered a choice, else the first the merchant enabled (their order). Whether a picked one is
 * enabled is startRegistration's check, so a forged choice is refused there.
 */
export async function chooseProvider(requested: ProviderName | undefined): Promise<ProviderName> {
  if (requested) return requested;
  const [first] = (await getMerchantSettings()).enabledProviders;
  // The settings refuse to leave none enabled; the column's default is {toss_pay}.
  if (!first) throw new Error("merchant_settings.enabled_providers is empty");
  return first;
}
