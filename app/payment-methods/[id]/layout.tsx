import { SiteShell } from "@/components/site/site-shell";
import { getCurrentUser } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { paymentMode } from "@/lib/payments/mode";

// The waiting page lives outside the route groups (its return route sits next to it) but
// wears the store's header and footer like every customer page.
export const dynamic = "force-dynamic";

export default async function PaymentMethodLayout({ children }: { children: React.ReactNode }) {
  const [user, settings] = await Promise.all([getCurrentUser(), getMerchantSettings()]);
  return (
    <SiteShell user={user} settings={settings} paymentMode={paymentMode()}>
      {children}
    </SiteShell>
  );
}
