import { createHmac, timingSafeEqual } from "node:crypto";
import { getEnv } from "@/lib/env";

// The `state` a browser-SDK provider carries back to our return URL. It names the pending
// payment_methods row and is signed for the customer who started it, so a return (or a forged
// link a customer is tricked into opening) can only ever complete a registration that this
// signed-in customer began: another row id, another customer or a tampered value fails.
// Format: <row id>.<base64url HMAC-SHA256 over "registration:<row id>:<user id>">.

const STATE = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/;

function signature(methodId: string, userId: string): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is required to sign registration returns");
  return createHmac("sha256", secret)
    .update(`registration:${methodId}:${userId}`)
    .digest("base64url");
}

export function signRegistrationState(methodId: string, userId: string): string {
  return `${methodId}.${signature(methodId, userId)}`;
}

/** The row id the state names when it was signed for this user, else null. */
export function verifyRegistrationState(state: string, userId: string): string | null {
  const match = STATE.exec(state);
  if (!match?.[1] || !match[2]) return null;
  const expected = Buffer.from(signature(match[1], userId));
  const given = Buffer.from(match[2]);
  return expected.length === given.length && timingSafeEqual(expected, given) ? match[1] : null;
}
