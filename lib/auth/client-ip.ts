import { isIP } from "node:net";
import { getEnv, type Env } from "@/lib/env";

// The client address, for throttling (sign-in, sign-up) and the admin audit log. Any client can
// send X-Forwarded-For or X-Real-IP, so a header counts only when something we trust set it:
// - On Vercel (VERCEL is set), x-real-ip: the platform sets it to the address that connected and
//   overwrites what the client sent (https://vercel.com/docs/headers/request-headers#x-real-ip).
// - Elsewhere, only the header named by TRUSTED_PROXY_IP_HEADER, which the merchant's own
//   reverse proxy sets. When that header is a list (x-forwarded-for), the right-most entry is
//   the one the proxy appended; everything to its left came from the client.
// - Otherwise null: "unknown", which throttles fall back from (per-email and global buckets)
//   instead of trusting a forgeable value.

type ClientIpEnv = Pick<Env, "VERCEL" | "TRUSTED_PROXY_IP_HEADER">;

export function clientIpFrom(headers: Headers, env: ClientIpEnv = getEnv()): string | null {
  const header = env.VERCEL ? "x-real-ip" : env.TRUSTED_PROXY_IP_HEADER;
  if (!header) return null;
  const value = headers.get(header)?.split(",").at(-1)?.trim();
  // Anything but an address (garbage, "unknown") is treated as no address.
  return value && isIP(value) !== 0 ? value : null;
}
