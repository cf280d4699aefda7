import "server-only";
import { cookies } from "next/headers";
import { DEVICE_COOKIE_NAME, deviceCookieOptions, issueDeviceToken } from "./device-cookie";

/**
 * Sets the device cookie after a successful sign-in (any method). Works in the server action and
 * route handler Auth.js runs in; outside a request (tests, scripts) there is no browser to
 * remember, and nothing happens.
 */
export async function rememberDevice(userId: string, now = new Date()): Promise<void> {
  try {
    (await cookies()).set(DEVICE_COOKIE_NAME, issueDeviceToken(userId, now), deviceCookieOptions());
  } catch {
    // Not inside a request, or a rendering context that cannot set cookies.
  }
}
