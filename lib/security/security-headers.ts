// The per-request security headers proxy.ts sets on every page, route and sandbox screen: a
// nonce-based Content-Security-Policy and Strict-Transport-Security. The pages served from
// Next's cache get the same policy with hashes for the nonce, stored with the cached render
// (contentSecurityPolicyWithScriptSources, cached-page-headers.ts). The static ones (nosniff,
// Referrer-Policy, X-Frame-Options, Permissions-Policy) stay in next.config.ts, which also
// covers the files proxy.ts skips.

export type SecurityHeaderOptions = {
  /** Fresh per request (createNonce); Next.js reads it from the request's CSP header. */
  nonce: string;
  /** `next dev`: React rebuilds server error stacks in the browser with eval(). */
  development: boolean;
  /** HSTS_PRELOAD=true: the merchant has decided to submit the domain to hstspreload.org. */
  hstsPreload: boolean;
  /** Origins outside this one that a form submission may be redirected to. */
  formActionOrigins: readonly string[];
  /** Origins a provider's payment window is framed from and its SDK talks to. */
  paymentWindowOrigins: readonly string[];
};

/** 128 random bits, base64: what CSP calls a nonce (https://w3c.github.io/webappsec-csp/#security-nonces). */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

type Directive = [string, ...string[]];

export function contentSecurityPolicy(options: SecurityHeaderOptions): string {
  return serialize([
    ["default-src", "'self'"],
    // 'strict-dynamic': scripts carrying the nonce (Next's own, which it tags from the request's
    // CSP header) may load further chunks; host lists and 'self' are then ignored by browsers
    // that understand it, so 'self' is only the fallback for those that do not.
    [
      "script-src",
      "'self'",
      `'nonce-${options.nonce}'`,
      "'strict-dynamic'",
      ...(options.development ? ["'unsafe-eval'"] : []),
    ],
    ...resourceDirectives(options),
  ]);
}

/**
 * The policy of a page served from Next's cache, whole: the dynamic pages' policy with the
 * page's own script sources in place of the nonce ('self', the SDK hosts and the hash of each
 * inline script Next wrote into it: script-hash-cache-handler.mjs). One header, stored with the
 * cached render, so serving the page needs nothing per request (no proxy.ts run).
 */
export function contentSecurityPolicyWithScriptSources(
  options: Pick<SecurityHeaderOptions, "formActionOrigins" | "paymentWindowOrigins">,
  scriptSources: readonly string[],
): string {
  return serialize([
    ["default-src", "'self'"],
    ["script-src", ...(scriptSources.length > 0 ? scriptSources : ["'none'"])],
    ...resourceDirectives(options),
  ]);
}

function resourceDirectives(
  options: Pick<SecurityHeaderOptions, "formActionOrigins" | "paymentWindowOrigins">,
): Directive[] {
  return [
    // 'unsafe-inline' for styles only: server-rendered style="" attributes (React style props,
    // the sandbox screens' inline <style>) cannot carry a nonce, and a nonce in this list would
    // make browsers ignore 'unsafe-inline'. Styles cannot run script; every script is nonced
    // (or, on a cached page, hashed).
    ["style-src", "'self'", "'unsafe-inline'"],
    // The QR code is inline SVG markup; data: covers small inlined images (icons, CSS).
    ["img-src", "'self'", "data:"],
    ["font-src", "'self'"],
    ["connect-src", "'self'", ...options.paymentWindowOrigins],
    // The official browser SDKs open their registration windows as frames on their own hosts.
    ["frame-src", "'self'", ...options.paymentWindowOrigins],
    // Server actions and the sandbox screens post to this origin. A sign-in with Kakao or Naver
    // is a form whose answer redirects to the provider, and Chromium checks form-action on every
    // redirect of a form submission, so their login hosts are listed when they are configured.
    ["form-action", "'self'", ...options.formActionOrigins],
    ["frame-ancestors", "'none'"],
    ["base-uri", "'self'"],
    ["object-src", "'none'"],
  ];
}

function serialize(directives: Directive[]): string {
  return directives.map((directive) => directive.join(" ")).join("; ");
}

export function strictTransportSecurity(options: Pick<SecurityHeaderOptions, "hstsPreload">) {
  // Two years, every subdomain: what https://hstspreload.org asks for, so opting in later is
  // only a matter of adding `preload`. Browsers ignore HSTS on plain-HTTP localhost.
  return `max-age=63072000; includeSubDomains${options.hstsPreload ? "; preload" : ""}`;
}

const OAUTH_FORM_ACTION_ORIGINS = {
  // kauth.kakao.com/oauth/authorize sends a signed-out visitor on to accounts.kakao.com/login.
  kakao: ["https://kauth.kakao.com", "https://accounts.kakao.com"],
  naver: ["https://nid.naver.com"],
} as const;

/** The login hosts of the OAuth providers that are configured (both their id and secret). */
export function oauthFormActionOrigins(env: {
  AUTH_KAKAO_ID?: string | undefined;
  AUTH_KAKAO_SECRET?: string | undefined;
  AUTH_NAVER_ID?: string | undefined;
  AUTH_NAVER_SECRET?: string | undefined;
}): string[] {
  return [
    ...(env.AUTH_KAKAO_ID && env.AUTH_KAKAO_SECRET ? OAUTH_FORM_ACTION_ORIGINS.kakao : []),
    ...(env.AUTH_NAVER_ID && env.AUTH_NAVER_SECRET ? OAUTH_FORM_ACTION_ORIGINS.naver : []),
  ];
}

// Toss Payments' SDK (js.tosspayments.com, loaded by a nonced script, so 'strict-dynamic'
// allows it) frames its billing-auth window and calls its APIs on tosspayments.com hosts.
// Toss publishes no host list for CSP [unconfirmed]: the safe reading is the whole
// *.tosspayments.com, and only when the store actually talks to Toss (a live key, or test keys
// pointed at api.tosspayments.com); the built-in sandbox is same-origin and needs nothing.
const TOSS_PAYMENTS_WINDOW_ORIGINS = ["https://*.tosspayments.com"];

// PortOne's browser SDK (cdn.portone.io, injected by our nonced bundle) frames its window and
// calls its services on portone.io hosts; the same safe reading, only when the store talks to
// PortOne itself (its variables set and no other PORTONE_BASE_URL).
const PORTONE_WINDOW_ORIGINS = ["https://*.portone.io"];

/** The payment-window hosts of the providers that reach a real provider. */
export function paymentWindowOrigins(env: {
  TOSS_PAYMENTS_SECRET_KEY?: string | undefined;
  TOSS_PAYMENTS_BASE_URL?: string | undefined;
  PORTONE_API_SECRET?: string | undefined;
  PORTONE_BASE_URL?: string | undefined;
}): string[] {
  const live = env.TOSS_PAYMENTS_SECRET_KEY?.startsWith("live_") ?? false;
  const againstToss = env.TOSS_PAYMENTS_BASE_URL?.startsWith("https://api.tosspayments.com");
  const againstPortOne =
    env.PORTONE_API_SECRET !== undefined &&
    (env.PORTONE_BASE_URL === undefined ||
      env.PORTONE_BASE_URL.startsWith("https://api.portone.io"));
  return [
    ...(live || againstToss ? TOSS_PAYMENTS_WINDOW_ORIGINS : []),
    ...(againstPortOne ? PORTONE_WINDOW_ORIGINS : []),
  ];
}
