import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { paymentMethods } from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import type { ProviderName } from "@/lib/payments/types";

/**
 * The providers a billing run may call: every one holding an active method (a provider the
 * merchant has since switched off still charges the customers it holds), and the enabled ones,
 * whose first charges follow registrations. Enabled first, in the merchant's order.
 */
export async function providersInUse(): Promise<ProviderName[]> {
  const [settings, rows] = await Promise.all([
    loadMerchantSettings(db()),
    db()
      .selectDistinct({ provider: paymentMethods.provider })
      .from(paymentMethods)
      .where(eq(paymentMethods.status, "active")),
  ]);
  return [...new Set([...settings.enabledProviders, ...rows.map((r) => r.provider)])];
}
