import { eq } from "drizzle-orm";
import { decode, getToken } from "next-auth/jwt";
import { headers } from "next/headers";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { getEnv } from "@/lib/env";
import { sessionOutlivesEnding, signedInAtSchema } from "./session-still-valid";
import { currentUserColumns, type CurrentUser } from "./user";

// The signed-in user of a request, read straight from Auth.js's session cookie.
//
// Why not Auth.js's `auth()`: called without arguments (server components, route handlers,
// server actions) it runs the whole session endpoint for every read: builds the config, decrypts
// the token, runs the jwt and session callbacks, then encrypts a renewed token and sets up its
// cookie, which it throws away (it returns only the JSON). About 5 ms of CPU per request in
// `next start`, most of a signed-in request: the waiting page's status poll served 119 requests
// a second with the auth() call alone and nothing after it (bench:http, 200 clients).
//
// What this does instead is what that endpoint decides, without the renewal nobody receives:
// - the same cookie (Auth.js's name and chunks, `__Secure-` on HTTPS), read by its `getToken`
//   and decrypted by its `decode` with the same secret and salt, so expiry and tampering are
//   checked by Auth.js's own code;
// - one read of the user's row for both the jwt callback's check (sessions ended after this
//   sign-in, lib/auth/end-all-sessions.ts) and the fields the app needs, role included: the
//   token's role is only a hint (lib/auth/config.ts).

const tokenSchema = z.object({ sub: z.string().min(1), signedInAt: z.unknown().optional() });

/**
 * Whether Auth.js names the session cookie `__Secure-authjs.session-token`: it does when the
 * URL it builds for the request is https (@auth/core createActionURL, then
 * `defaultCookies(url.protocol === "https:")`): AUTH_URL's (or NEXTAUTH_URL's) protocol when set,
 * else X-Forwarded-Proto (Next sets it on every request), else https.
 */
export function sessionCookieIsSecure(
  headers: Headers,
  env: Record<string, string | undefined> = process.env,
): boolean {
  const configured = env.AUTH_URL ?? env.NEXTAUTH_URL;
  if (configured) return new URL(configured).protocol === "https:";
  const protocol = headers.get("x-forwarded-proto") ?? "https";
  return (protocol.endsWith(":") ? protocol : `${protocol}:`) === "https:";
}

/** Auth.js's session cookie name (@auth/core lib/utils/cookie.js defaultCookies). */
function sessionCookieName(secure: boolean): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/** The user whose valid session cookie the request carries, or null. */
export async function readSessionUser(headers: Headers): Promise<CurrentUser | null> {
  const cookie = headers.get("cookie");
  if (!cookie) return null;
  const secret = getEnv().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set: session cookies cannot be read.");
  const secure = sessionCookieIsSecure(headers);
  // The cookie's value, its chunks joined, as Auth.js reads it (`raw`: not decrypted yet).
  // Only the cookie header goes in: getToken would also take an `Authorization: Bearer` token,
  // which auth() does not, and that would be a second way in.
  const raw = await getToken({ req: { headers: { cookie } }, secureCookie: secure, raw: true });
  if (!raw) return null;
  let payload: unknown;
  try {
    // Auth.js encrypts the token with a key derived from the secret and the cookie's name.
    payload = await decode({ token: raw, secret, salt: sessionCookieName(secure) });
  } catch (error) {
    // A stale cookie after AUTH_SECRET rotated, an expired or a tampered one: signed out, as
    // Auth.js treats it, with the same one warn line its logger gets (log-auth-error.ts), which
    // names the cause but never the cookie.
    console.warn(
      `[auth] ignored an unreadable session cookie (${error instanceof Error ? error.name : "unknown"}); the request continues signed out`,
    );
    return null;
  }
  const token = tokenSchema.safeParse(payload);
  if (!token.success) return null;

  const [row] = await db()
    .select({ ...currentUserColumns, sessionsValidFrom: users.sessionsValidFrom })
    .from(users)
    .where(eq(users.id, token.data.sub));
  if (!row) return null;
  const { sessionsValidFrom, ...user } = row;
  const signedInAt = signedInAtSchema.parse(token.data.signedInAt);
  return sessionOutlivesEnding(sessionsValidFrom, signedInAt) ? user : null;
}

/** The signed-in user of the request being served (lib/auth/guards.ts), or null. */
export async function currentSessionUser(): Promise<CurrentUser | null> {
  return readSessionUser(await headers());
}
