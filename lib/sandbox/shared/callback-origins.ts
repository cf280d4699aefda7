import type { Database } from "@/lib/db/client";
import { getEnv } from "@/lib/env";

// Where the sandbox may POST billing-key callbacks. Toss calls whatever resultCallback the
// merchant registered, but the sandbox runs inside (or next to) the merchant's own server, so
// "any URL" would let anyone with a test key make that server send requests into its private
// network (a database port on 127.0.0.1, a cloud metadata address) and read the outcome back.
// The sandbox therefore delivers only to the app it serves:
// - mounted in the Next app: the origin of APP_URL, the only place our own callbacks go;
// - standalone (`npm run sandbox`): the origins given with --callback-origin, by default the
//   local app at http://localhost:3000. Exactly the origins named: scheme, host and port must
//   match, and 127.0.0.1 is not localhost (the safe reading; name both if both are used).
// Checked twice: when a key is registered (400 naming resultCallback) and again before each
// delivery, so a row written earlier or under other settings is never fetched either.

/** Returns the list of allowed origins; read on every check, so a caller may change it. */
export type CallbackOriginsSource = () => readonly string[];

/** The default when nothing is configured: the app's own origin (APP_URL). */
export function appCallbackOrigins(): readonly string[] {
  return [new URL(getEnv().APP_URL).origin];
}

// Per database handle, like the sandbox's runtime: one process can serve several sandboxes
// (tests start many), each with its own database.
const configured = new WeakMap<Database, CallbackOriginsSource>();

/** Sets the allowed origins of the sandbox on `db` (standalone server, tests). */
export function setCallbackOrigins(db: Database, source: CallbackOriginsSource): void {
  configured.set(db, source);
}

export function callbackOriginsFor(db: Database): readonly string[] {
  return (configured.get(db) ?? appCallbackOrigins)();
}

/**
 * An origin as the allow-list keeps it ("http://localhost:3000"), or throws with a reason:
 * only http(s), no path, query or credentials, so the list says exactly what it allows.
 */
export function parseCallbackOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`not an origin: ${value} (expected e.g. http://localhost:3000)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new Error(`not an http(s) origin: ${value}`);
  }
  if (url.username || url.password || url.pathname !== "/" || url.search || url.hash) {
    throw new Error(`an origin has no path, query or credentials: ${value} (use ${url.origin})`);
  }
  return url.origin;
}

/** Whether `url` is an http(s) URL on one of the allowed origins (scheme, host and port). */
export function isAllowedCallbackUrl(url: string, origins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return false;
  if (parsed.username || parsed.password) return false;
  return origins.some((origin) => {
    try {
      return new URL(origin).origin === parsed.origin;
    } catch {
      return false;
    }
  });
}
