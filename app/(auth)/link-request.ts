import { headers } from "next/headers";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { clientIpFrom } from "@/lib/auth/client-ip";

/**
 * What a request for an email-verification link (sign-up, resend) carries besides the address:
 * the client address its throttle counts by, and where the link leads once the address is
 * confirmed (only a path on this site).
 */
export async function linkRequestFrom(formData: FormData) {
  return {
    clientIp: clientIpFrom(await headers()),
    callbackUrl: safeCallbackUrl(formData.get("callbackUrl")),
  };
}
