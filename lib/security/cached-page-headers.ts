// The response headers of the pages served from Next's cache (`/`, `/pricing`), composed in one
// place for the cache handler (script-hash-cache-handler.mjs) to store with each render.
//
// Why the cache handler and not proxy.ts: running a proxy at all costs `next start` about 0.7 ms
// of CPU a request in Next's own machinery (measured with a proxy that only returns
// NextResponse.next(): 535 req/s against 937 without one; docs/caching-and-load.md), more than
// serving the cached page itself. So these pages are left out of the proxy's matcher, and their
// whole Content-Security-Policy and Strict-Transport-Security travel with the cached render.
//
// The handler is plain JavaScript that Next loads outside the app's bundles, so it cannot
// import this module. instrumentation.ts publishes the composer under a global symbol when the
// server starts, after the environment has been validated; the handler looks it up when it
// stores a render, and falls back to a strict policy of its own if it is missing.
import type { Env } from "@/lib/env";
import {
  contentSecurityPolicyWithScriptSources,
  oauthFormActionOrigins,
  paymentWindowOrigins,
  strictTransportSecurity,
} from "./security-headers";

/** The global the cache handler reads (script-hash-cache-handler.mjs names the same symbol). */
export const CACHED_PAGE_HEADERS = Symbol.for("storefront.cachedPageHeaders");

/** A cached page's headers, given the script sources the handler found in its HTML. */
export type CachedPageHeaders = (scriptSources: readonly string[]) => Record<string, string>;

export function cachedPageHeaders(env: Env): CachedPageHeaders {
  const options = {
    formActionOrigins: oauthFormActionOrigins(env),
    paymentWindowOrigins: paymentWindowOrigins(env),
  };
  const hsts = strictTransportSecurity({ hstsPreload: env.HSTS_PRELOAD });
  return (scriptSources) => ({
    "content-security-policy": contentSecurityPolicyWithScriptSources(options, scriptSources),
    "strict-transport-security": hsts,
  });
}

/** Called once at server start (instrumentation.ts). */
export function publishCachedPageHeaders(env: Env): void {
  (globalThis as Record<symbol, unknown>)[CACHED_PAGE_HEADERS] = cachedPageHeaders(env);
}
