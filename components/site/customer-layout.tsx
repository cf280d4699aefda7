import type { ReactNode } from "react";
import { getCurrentUser } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { paymentMode } from "@/lib/payments/mode";
import { SiteShell } from "./site-shell";

/**
 * The layout every customer-facing segment uses: loads the user and the merchant settings and
 * wears the store's header and footer. Each layout file still declares `dynamic` itself, since
 * Next reads segment config only from the route file.
 */
export async function CustomerLayout({ children }: { children: ReactNode }) {
  const [user, settings] = await Promise.all([getCurrentUser(), getMerchantSettings()]);
  return (
    <SiteShell user={user} settings={settings} paymentMode={paymentMode()}>
      {children}
    </SiteShell>
  );
}
