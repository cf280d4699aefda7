import { headers } from "next/headers";
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
  if (!cachedPagesCarryScriptHashes()) {
    await connection();
    await refuseWithoutNonceOnVercel();
  }
  const { settings, paymentMode } = await publicShell();
  return (
    <SiteShell user="from-browser" settings={settings} paymentMode={paymentMode}>
      {children}
    </SiteShell>
  );
}

/**
 * proxy.ts reaches these pages on Vercel through a matcher entry that needs Vercel's
 * x-vercel-id request header ([unconfirmed] that Vercel's router sees it). Without the proxy
 * the page would have no policy at all, so it fails loudly instead. Not in `next dev`, which
 * never runs the proxy for these pages: there they go without a policy.
 */
async function refuseWithoutNonceOnVercel() {
  if (!process.env.VERCEL) return;
  if ((await headers()).get("x-nonce")) return;
  throw new Error(
    "proxy.ts did not run for this storefront page, so it has no Content-Security-Policy nonce: check that the proxy matcher's x-vercel-id entries match on this deployment (proxy.ts).",
  );
}
