import type { ReactNode } from "react";
import { SiteFooter, type BusinessInfo } from "./site-footer";
import { SiteHeader, type HeaderUser } from "./site-header";

/**
 * Header, main and footer of the customer-facing pages. Layouts load the user and the merchant
 * settings and pass them in; this component reads nothing itself.
 */
export function SiteShell({
  user,
  settings,
  children,
}: {
  user: HeaderUser;
  settings: BusinessInfo;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-1 flex-col">
      <SiteHeader storeName={settings.businessName} user={user} />
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter business={settings} />
    </div>
  );
}
