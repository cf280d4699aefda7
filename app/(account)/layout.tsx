import { SiteShell } from "@/components/site/site-shell";
import { getCurrentUser } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { paymentMode } from "@/lib/payments/mode";

// Account pages read the session and the database: never prerender at build time.
export const dynamic = "force-dynamic";

export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const [user, settings] = await Promise.all([getCurrentUser(), getMerchantSettings()]);
  return (
    <SiteShell user={user} settings={settings} paymentMode={paymentMode()}>
      {children}
    </SiteShell>
  );
}
