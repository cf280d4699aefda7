// Where to send the user after signing in. The value comes from the query string, so it is
// attacker-controlled: only same-site relative paths are accepted, anything else falls back
// to the default. Rejected on purpose: absolute URLs ("https://evil.example"), protocol-relative
// ("//evil.example"), backslash tricks browsers normalise to "//" ("/\evil.example"), control
// characters, and other schemes ("javascript:").

export const DEFAULT_CALLBACK_URL = "/";
export const SIGN_IN_PATH = "/sign-in";

// Any base works: it only exists so URL() can resolve a relative path and tell us whether the
// result stayed on the same origin.
const PROBE_ORIGIN = "http://callback.invalid";

export function safeCallbackUrl(value: unknown, fallback: string = DEFAULT_CALLBACK_URL): string {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (/[\\\u0000-\u001f\u007f]/.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  // Sending a signed-in user back to the sign-in or sign-up page would only bounce them again.
  if (url.pathname === SIGN_IN_PATH || url.pathname === "/sign-up") return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page URL that returns to `callbackUrl` afterwards. */
export function signInPath(callbackUrl?: string): string {
  const target = safeCallbackUrl(callbackUrl, "");
  return target === ""
    ? SIGN_IN_PATH
    : `${SIGN_IN_PATH}?${new URLSearchParams({ callbackUrl: target })}`;
}
