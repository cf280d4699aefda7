import type { ReactNode } from "react";
import { SiteShell } from "@/components/site/site-shell";
import { getCurrentUser } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { paymentMode } from "@/lib/payments/mode";

// Reads the session and the database: never prerender at build time.
export const dynamic = "force-dynamic";

// Sign-in and sign-up: the store's header and footer around one centred card, the same on a
// 360px phone and a desktop.
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const [user, settings] = await Promise.all([getCurrentUser(), getMerchantSettings()]);
  return (
    <SiteShell user={user} settings={settings} paymentMode={paymentMode()}>
      <div className="px-4 py-10 sm:py-16">{children}</div>
    </SiteShell>
  );
}
