// The client address for the per-address sign-in throttle. On Vercel, x-real-ip and
// x-forwarded-for are set by the platform and cannot be forged by the client; behind another
// proxy the left-most x-forwarded-for entry is whatever the client sent, which is why the
// throttle also counts per email and never relies on the address alone.
export function clientIpFrom(headers: Headers): string | null {
  const realIp = headers.get("x-real-ip")?.trim();
  if (realIp) return realIp;
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || null;
}
