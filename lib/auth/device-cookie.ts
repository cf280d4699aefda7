import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// OWASP "device cookies" (https://owasp.org/www-community/Slow_Down_Online_Guessing_Attacks_with_Device_Cookies):
// every successful sign-in leaves a signed cookie that binds this browser to the account. When
// the account's failure bucket is blocked (someone is guessing its password), a browser that
// carries a valid device cookie for it is still let in with the right password, so a guessing
// attack cannot lock the owner out. Without one the lock holds, and the per-address bucket
// stays hard for everybody. The cookie only proves "this browser signed in here before"; the
// password is always checked.
//
// Value: <account tag>.<issued at, epoch seconds>.<HMAC-SHA256 with AUTH_SECRET>, where the
// account tag is a hash of the user id (the cookie does not carry the id itself).

export const DEVICE_COOKIE_NAME = "device";
// A year: the point is to recognise the owner's usual browsers long after the last sign-in.
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

function accountTag(userId: string): string {
  return createHash("sha256").update(`device:${userId}`).digest("base64url").slice(0, 22);
}

function signature(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(`device-cookie:v1:${payload}`).digest("base64url");
}

function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  // lib/env requires it in production; dev and tests get one from the launcher/test setup.
  if (!secret) throw new Error("AUTH_SECRET is required to sign device cookies");
  return secret;
}

export function issueDeviceToken(userId: string, now: Date, secret = authSecret()): string {
  const payload = `${accountTag(userId)}.${Math.floor(now.getTime() / 1000)}`;
  return `${payload}.${signature(payload, secret)}`;
}

/** Whether `token` is a device cookie this server issued for `userId`, and not expired. */
export function isValidDeviceToken(
  token: string | null | undefined,
  userId: string,
  now: Date,
  secret = authSecret(),
): boolean {
  if (!token || token.length > 200) return false;
  const [tag, issuedAt, mac, ...rest] = token.split(".");
  if (!tag || !issuedAt || !mac || rest.length > 0 || !/^\d{1,12}$/.test(issuedAt)) return false;
  const expected = Buffer.from(signature(`${tag}.${issuedAt}`, secret));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return false;
  if (tag !== accountTag(userId)) return false;
  const ageSeconds = now.getTime() / 1000 - Number(issuedAt);
  return ageSeconds >= -60 && ageSeconds <= DEVICE_COOKIE_MAX_AGE_SECONDS;
}

/** The device cookie's value from a Cookie request header. */
export function deviceTokenFrom(headers: Headers): string | null {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === DEVICE_COOKIE_NAME) {
      return part.slice(eq + 1).trim() || null;
    }
  }
  return null;
}

/** Set-cookie options: httpOnly, and Secure whenever the app is served over https. */
export function deviceCookieOptions() {
  return {
    httpOnly: true,
    // Production requires an https APP_URL (lib/env) except on loopback, where the e2e run
    // serves the production build over http://localhost.
    secure: new URL(getEnv().APP_URL).protocol === "https:",
    sameSite: "lax" as const,
    path: "/",
    maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
  };
}
