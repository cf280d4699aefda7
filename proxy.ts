import { NextResponse, type NextRequest } from "next/server";
import { signInPath } from "@/lib/auth/callback-url";
import { cachedPagesCarryScriptHashes, getEnv } from "@/lib/env";
import {
  contentSecurityPolicy,
  contentSecurityPolicyWithoutScripts,
  createNonce,
  oauthFormActionOrigins,
  paymentWindowOrigins,
  strictTransportSecurity,
} from "@/lib/security/security-headers";

// Two jobs, on every request but static files:
// 1. A fresh CSP nonce. Next.js finds it in the request's Content-Security-Policy header and puts
//    it on its own scripts while rendering, which is why those pages render per request; route
//    handlers that write HTML (the sandbox screens) read it from `x-nonce`. The pages served
//    from Next's cache (app/(public)) cannot carry a nonce: they get the policy without its
//    script part, and the cached page brings its own script-src naming its inline scripts by
//    hash (lib/security/script-hash-cache-handler.mjs). `next dev` caches nothing, and Vercel
//    never runs that handler, so there every page keeps the nonce (cachedPagesCarryScriptHashes).
// 2. An optimistic check only: without a session cookie, /account and /admin send the visitor
//    to sign-in straight away instead of rendering a page that would redirect anyway. Whether
//    the cookie is valid, and whether its user is an admin, is decided by requireUser()/
//    requireAdmin() in each page, action and route handler (lib/auth/guards.ts).

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
    const response = NextResponse.next();
    response.headers.set(
      "Content-Security-Policy",
      contentSecurityPolicyWithoutScripts(policyOptions),
    );
    response.headers.set(
      "Strict-Transport-Security",
      strictTransportSecurity({ hstsPreload: env.HSTS_PRELOAD }),
    );
    return response;
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

export const config = {
  // Every page, route handler and server action. Not the build's static files, the image
  // optimizer or files from public/ (they carry no script, and a CSP on them has no effect).
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)"],
};
