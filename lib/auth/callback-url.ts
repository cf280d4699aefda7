// Where to send the user after signing in. The value comes from the query string, so it is
// attacker-controlled: only same-site relative paths are accepted, anything else falls back
// to the default. Rejected on purpose: absolute URLs ("https://evil.example"), protocol-relative
// ("//evil.example"), backslash tricks browsers normalise to "//" ("/\evil.example"), control
// characters, and other schemes ("javascript:"). The checks that matter run on the NORMALISED
// result, the string that is actually returned: dot segments collapse after the raw checks
// ("/.//evil.example" and "/%2e%2e//evil.example" both normalise to "//evil.example"), so a raw
// check alone is not enough. Encoded slashes and backslashes (%2F, %5C) are refused outright: no
// page of ours needs one, and a proxy or framework that decodes them would rebuild "//".

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
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!isSameSitePath(path) || /%(2f|5c)/i.test(url.pathname)) return fallback;
  // Sending a signed-in user back to the sign-in or sign-up page would only bounce them again.
  if (url.pathname === SIGN_IN_PATH || url.pathname === "/sign-up") return fallback;
  return path;
}

// A browser reads "//host" and "/\host" as another site; anything else starting with "/" is ours.
function isSameSitePath(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

/** The sign-in page URL that returns to `callbackUrl` afterwards. */
export function signInPath(callbackUrl?: string): string {
  const target = safeCallbackUrl(callbackUrl, "");
  return target === ""
    ? SIGN_IN_PATH
    : `${SIGN_IN_PATH}?${new URLSearchParams({ callbackUrl: target })}`;
}
