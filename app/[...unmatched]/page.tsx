import { notFound } from "next/navigation";

// Every address no route matches: app/not-found.tsx, rendered per request so proxy.ts's CSP
// nonce goes on its scripts. (not-found.tsx itself must stay static: Next renders it into every
// page's payload, the cached storefront pages included; Next's own /_not-found would be
// prerendered without a nonce.)
export const dynamic = "force-dynamic";

export default function UnmatchedPage() {
  notFound();
}
