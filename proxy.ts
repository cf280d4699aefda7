import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/callback-url";
import { cachedPagesCarryScriptHashes, getEnv } from "@/lib/env";
import {
  contentSecurityPolicy,
  createNonce,
  oauthFormActionOrigins,
  paymentWindowOrigins,
  strictTransportSecurity,
} from "@/lib/security/security-headers";

// Two jobs, on every request but static files and the cached storefront pages:
// 1. A fresh CSP nonce. Next.js finds it in the request's Content-Security-Policy header and puts
//    it on its own scripts while rendering, which is why those pages render per request; route
//    handlers that write HTML (the sandbox screens) read it from `x-nonce`.
// 2. An optimistic check only: without a session cookie, /account and /admin send the visitor
//    to sign-in straight away instead of rendering a page that would redirect anyway. Whether
//    the cookie is valid, and whether its user is an admin, is decided by requireUser()/
//    requireAdmin() in each page, action and route handler (lib/auth/guards.ts).
//
// The pages served from Next's cache (app/(public): `/` and `/pricing`) cannot carry a nonce,
// and running a proxy at all costs more than serving them (lib/security/cached-page-headers.ts),
// so the matcher leaves their plain GETs out: their whole policy, with their inline scripts named
// by hash, and HSTS are stored with the cached render (lib/security/script-hash-cache-handler.mjs).
// The matcher still sends them here when they carry a body (a server action posted from them
// renders per request and gets a nonce) and on Vercel, which never runs that cache handler, so
// there they render per request with the nonce like every other page
// (cachedPagesCarryScriptHashes; app/(public)/layout.tsx refuses to render there without it).

// Auth.js names the cookie with a __Secure- prefix on HTTPS and splits large tokens into
// numbered chunks.
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;
const SIGNED_IN_AREAS = /^\/(account|admin)(\/|$)/;
// app/(public): the storefront pages rendered once and served from Next's cache.
const CACHED_PAGES: ReadonlySet<string> = new Set(["/", "/pricing"]);

export function proxy(request: NextRequest) {
  const env = getEnv();
  const { pathname, search } = request.nextUrl;
  const policyOptions = {
    hstsPreload: env.HSTS_PRELOAD,
    formActionOrigins: oauthFormActionOrigins(env),
    paymentWindowOrigins: paymentWindowOrigins(env),
  };
  if (
    CACHED_PAGES.has(pathname) &&
    (request.method === "GET" || request.method === "HEAD") &&
    cachedPagesCarryScriptHashes()
  ) {
    // A cached page's GET that the matcher let through (it carried a Content-Type, or an
    // x-vercel-id header off Vercel): the cached render brings its own headers, and a nonce
    // here would be one its scripts do not carry.
    return NextResponse.next();
  }

  const nonce = createNonce();
  const csp = contentSecurityPolicy({
    ...policyOptions,
    nonce,
    development: env.NODE_ENV === "development",
  });

  const hasSession = request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name));
  let response: NextResponse;
  if (SIGNED_IN_AREAS.test(pathname) && !hasSession) {
    response = NextResponse.redirect(new URL(signInPath(`${pathname}${search}`), request.url));
  } else {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("content-security-policy", csp);
    response = NextResponse.next({ request: { headers } });
  }
  response.headers.set("Content-Security-Policy", csp);
  response.headers.set(
    "Strict-Transport-Security",
    strictTransportSecurity({ hstsPreload: env.HSTS_PRELOAD }),
  );
  return response;
}

// Next reads this at build time; it must be literal. Next's own `unstable_doesMiddlewareMatch`
// checks it in tests/foundation/security-headers.test.ts.
export const config = {
  matcher: [
    // Every page, route handler and server action but the cached storefront pages' plain
    // requests. Not the build's static files, the image optimizer or files from public/ (they
    // carry no script, and a CSP on them has no effect).
    "/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$|pricing$|$).*)",
    // The cached pages with a body: server actions and form posts render per request.
    { source: "/", has: [{ type: "header", key: "content-type" }] },
    { source: "/pricing", has: [{ type: "header", key: "content-type" }] },
    // On Vercel the cached pages render per request and need the nonce. Vercel documents
    // x-vercel-id on every request it sends a deployment; that its router sees it when it
    // matches a proxy is [unconfirmed], so the (public) layout refuses to render on Vercel
    // without a nonce rather than serve the page without a script policy.
    { source: "/", has: [{ type: "header", key: "x-vercel-id" }] },
    { source: "/pricing", has: [{ type: "header", key: "x-vercel-id" }] },
  ],
};
