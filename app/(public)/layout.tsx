import { connection } from "next/server";
import type { ReactNode } from "react";
import { cachedPagesCarryScriptHashes } from "@/lib/env";
import { SiteShell } from "@/components/site/site-shell";
import { publicShell } from "./public-page-data";

// The storefront pages served from Next's cache (`/`, `/pricing`): no cookies, no per-request
// nonce, nothing about the visitor; the header's account links come from the browser. Every
// other customer page stays in app/(store), rendered per request.
export default async function PublicLayout({ children }: { children: ReactNode }) {
  // Where the cached page could not carry its script hashes (Vercel), render per request so
  // the page gets proxy.ts's nonce instead of going out without a script policy.
  if (!cachedPagesCarryScriptHashes()) await connection();
  const { settings, paymentMode } = await publicShell();
  return (
    <SiteShell user="from-browser" settings={settings} paymentMode={paymentMode}>
      {children}
    </SiteShell>
  );
}
