import type { ReactNode } from "react";
import type { PaymentMode } from "@/lib/payments/types";
import { SiteFooter, type BusinessInfo } from "./site-footer";
import { SiteHeader, type HeaderUser } from "./site-header";
import { SkipLink } from "./skip-link";
import { TestModeNotice } from "./test-mode-notice";

/**
 * Header, main and footer of the customer-facing pages, under the test-mode notice while
 * payments run in the sandbox. Layouts load the user, the merchant settings and the payment
 * mode and pass them in; this component reads nothing itself.
 */
export function SiteShell({
  user,
  settings,
  paymentMode,
  children,
}: {
  user: HeaderUser;
  settings: BusinessInfo;
  paymentMode: PaymentMode;
  children: ReactNode;
}) {
  return (
    <div className="flex flex-1 flex-col">
      {/* Outside the header: its backdrop-filter would make it the containing block of this
          fixed link, which then peeks out below the test-mode notice instead of hiding. */}
      <SkipLink />
      {paymentMode === "sandbox" && <TestModeNotice />}
      {/* `contents`: the wrapper makes no box, so the sticky header still sticks; it only hides
          the header when a page (a receipt) is printed. */}
      <div className="contents print:hidden">
        <SiteHeader storeName={settings.businessName} user={user} />
      </div>
      <main id="main" className="flex-1">
        {children}
      </main>
      <div className="contents print:hidden">
        <SiteFooter business={settings} />
      </div>
    </div>
  );
}
