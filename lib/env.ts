import { z } from "zod";

// The only module that reads process.env. Everything is validated once, on first use (so
// `next build` can import modules without a database), and again at server start through
// instrumentation.ts, so a misconfigured deployment fails immediately with the variable named.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const optionalInteger = (min: number, max: number) =>
  optionalString.pipe(z.coerce.number<string | undefined>().int().min(min).max(max).optional());

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Public base URL of this app, used to build provider callback and return URLs. Required in
    // production, where it is derived from VERCEL_PROJECT_PRODUCTION_URL when unset on Vercel.
    APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Set by Vercel: "1" on every Vercel build and function.
    VERCEL: optionalString,
    // Set by Vercel: the production domain without a scheme ("shop.example.com").
    VERCEL_PROJECT_PRODUCTION_URL: optionalString,
    // The one switch that lets a production server take "payments" in the built-in sandbox (a
    // public demo store). Without it, production refuses to start without a live key.
    ALLOW_SANDBOX_IN_PRODUCTION: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
    // Outside Vercel, the name of the request header that carries the client address as set by
    // the merchant's own reverse proxy (e.g. "x-real-ip"). Unset: no forwarded header is
    // trusted, because any client can send one.
    TRUSTED_PROXY_IP_HEADER: optionalString.pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9-]+$/, "must be a header name such as x-real-ip")
        .transform((v) => v.toLowerCase())
        .optional(),
    ),
    // "true" adds `preload` to Strict-Transport-Security. Opt-in: preloading is a promise about
    // every subdomain that is hard to take back (https://hstspreload.org).
    HSTS_PRELOAD: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
    DATABASE_URL: optionalString.pipe(
      z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
    ),
    // Pool size per server process. Vercel functions want few; the cron worker wants more.
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(100).default(10),
    // Named prepared statements: one round trip per query instead of two, but transaction-mode
    // poolers (Supabase, Neon pooled URLs, PgBouncer) break them, so they are off unless the
    // URL is a direct connection and this says "true".
    DATABASE_PREPARE: z
      .enum(["true", "false"], { error: 'must be "true" or "false"' })
      .default("false")
      .transform((v) => v === "true"),
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional(),
    ),
    AUTH_KAKAO_ID: optionalString,
    AUTH_KAKAO_SECRET: optionalString,
    AUTH_NAVER_ID: optionalString,
    AUTH_NAVER_SECRET: optionalString,
    // Comma-separated emails that are made admins when they sign up or sign in.
    ADMIN_EMAILS: optionalString,
    // "base64key" (version 1) or "N:base64key"; a 32-byte key for AES-256-GCM.
    BILLING_KEY_ENCRYPTION_KEY: optionalString,
    // Retired keys still needed to decrypt: "N:base64key,M:base64key".
    BILLING_KEY_ENCRYPTION_OLD_KEYS: optionalString,
    TOSS_PAY_API_KEY: optionalString,
    TOSS_PAY_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // Defaults for the built-in pay.toss.im sandbox's fault switches (lib/sandbox/toss-pay); the
    // settings API ({base}/_sandbox/settings) overrides them at run time. Rates are 0..1.
    TOSS_PAY_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(600_000).default(0),
    TOSS_PAY_SANDBOX_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
    TOSS_PAY_SANDBOX_TIMEOUT_RATE: z.coerce.number().min(0).max(1).default(0),
    TOSS_PAY_SANDBOX_LOST_RESPONSE_RATE: z.coerce.number().min(0).max(1).default(0),
    // Toss retries a failed billing-key callback every 3 minutes (docs/providers.md §1.4.2).
    TOSS_PAY_SANDBOX_CALLBACK_RETRY_MS: z.coerce.number().int().min(10).default(180_000),
    // Seed of the sandbox's random faults, so a failing chaos run can be replayed.
    TOSS_PAY_SANDBOX_SEED: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    // Toss Payments (docs/providers.md §2). Secret key test_sk_… or live_sk_… (server only), client
    // key test_ck_…/live_ck_… (sent to the browser). Unset in development: the documentation's
    // test pair against the built-in sandbox. Rules: lib/payments/toss-payments/config.ts.
    TOSS_PAYMENTS_SECRET_KEY: optionalString,
    TOSS_PAYMENTS_CLIENT_KEY: optionalString,
    TOSS_PAYMENTS_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    // PortOne V2 with the Toss Pay channel (docs/providers.md §3). Unset in development: the
    // built-in sandbox with its public sandbox store. Set: all four, against api.portone.io
    // unless PORTONE_BASE_URL names another origin (the standalone sandbox). Rules:
    // lib/payments/portone/config.ts.
    PORTONE_API_SECRET: optionalString,
    PORTONE_STORE_ID: optionalString,
    PORTONE_CHANNEL_KEY: optionalString,
    PORTONE_WEBHOOK_SECRET: optionalString,
    PORTONE_BASE_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
    CRON_SECRET: optionalString,
    // The billing fan-out (docs/billing-fan-out.md). The global cap on requests in flight to each
    // payment provider (each provider its own), across every billing run and worker. No provider
    // publishes one (docs/providers.md lists only Toss Pay's COMMON_THROTTLED answer), so the
    // default is a conservative 32 (four invocations at the default charge_concurrency of 8);
    // raise it once the provider has confirmed the merchant's limit.
    BILLING_PROVIDER_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(1_000).default(32),
    // Most worker invocations the hourly billing cron starts beside itself when the due backlog
    // is more than one invocation clears (0: never fan out).
    BILLING_MAX_WORKERS: z.coerce.number().int().min(0).max(32).default(8),
    // Charges one invocation clears within its budget. Unset: measured from recent runs
    // (cron_runs), or a cautious estimate before there are any.
    BILLING_CHARGES_PER_INVOCATION: optionalInteger(100, 10_000_000),
    // TEST ONLY: names a labelled point of the charge path (lib/billing/crash-points.ts) at which
    // the process kills itself, so the crash test can prove a restart neither loses nor repeats
    // a charge. Refused in production.
    BILLING_CRASH_POINT: optionalString.pipe(
      z
        .enum([
          "after_claim",
          "after_attempt_insert",
          "after_request_sent",
          "after_response_before_commit",
          "after_commit",
        ])
        .optional(),
    ),
    SMTP_URL: optionalString,
    EMAIL_FROM: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    if (env.BILLING_CRASH_POINT) {
      ctx.addIssue({
        code: "custom",
        path: ["BILLING_CRASH_POINT"],
        message: "is a test-only switch that kills the process; it must not be set in production",
      });
    }
    for (const name of [
      "DATABASE_URL",
      "AUTH_SECRET",
      "BILLING_KEY_ENCRYPTION_KEY",
      "CRON_SECRET",
    ] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message:
            name === "CRON_SECRET"
              ? `is required in production: without it the billing and email jobs never run (at least ${MIN_CRON_SECRET_LENGTH} characters, openssl rand -base64 32)`
              : "is required in production",
        });
      }
    }
    if (env.CRON_SECRET && env.CRON_SECRET.length < MIN_CRON_SECRET_LENGTH) {
      ctx.addIssue({
        code: "custom",
        path: ["CRON_SECRET"],
        message: `must be at least ${MIN_CRON_SECRET_LENGTH} characters (openssl rand -base64 32)`,
      });
    }
    const appUrl = productionAppUrl(env);
    if (!appUrl) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message:
          "is required in production: the public https:// address customers and Toss reach (on Vercel it defaults to https://$VERCEL_PROJECT_PRODUCTION_URL)",
      });
    } else if (new URL(appUrl).protocol !== "https:" && !isLoopbackHost(new URL(appUrl).hostname)) {
      ctx.addIssue({
        code: "custom",
        path: ["APP_URL"],
        message: `must be an https:// URL in production (got ${new URL(appUrl).origin})`,
      });
    }
    const tossPayments = tossPaymentsProductionIssues(env);
    for (const issue of tossPayments.issues) ctx.addIssue({ code: "custom", ...issue });
    const portOne = portOneProductionIssues(env);
    for (const issue of portOne.issues) ctx.addIssue({ code: "custom", ...issue });
    const liveKey = env.TOSS_PAY_API_KEY?.startsWith("sk_live_") ?? false;
    // A store that takes live payments through Toss Payments or PortOne alone needs no Toss Pay
    // key; a test Toss Pay key is still refused (it would let customers subscribe for free).
    const tossPayOptional = (tossPayments.live || portOne.live) && !env.TOSS_PAY_API_KEY;
    if (!liveKey && !env.ALLOW_SANDBOX_IN_PRODUCTION && !tossPayOptional) {
      ctx.addIssue({
        code: "custom",
        path: ["TOSS_PAY_API_KEY"],
        message: env.TOSS_PAY_API_KEY
          ? "is a test key; production needs a live key (sk_live_…), or ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store that takes no real payments"
          : "is required in production (a live key, sk_live_…); or set ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store that takes no real payments",
      });
    }
    if (liveKey && env.ALLOW_SANDBOX_IN_PRODUCTION) {
      ctx.addIssue({
        code: "custom",
        path: ["ALLOW_SANDBOX_IN_PRODUCTION"],
        message:
          "must not be true while TOSS_PAY_API_KEY is a live key: a store is either live or a sandbox demo; unset one of them",
      });
    }
  });

/**
 * Whether a Toss Payments key is a live or a test key, from its prefix (docs/providers.md §2.1):
 * secret keys live_sk_ or test_sk_ (payment-widget live_gsk_ or test_gsk_), client keys
 * live_ck_ or test_ck_ (widget live_gck_ or test_gck_). Null for anything else.
 */
export function tossPaymentsKeyMode(
  key: string | undefined,
  kind: "secret" | "client",
): "live" | "test" | null {
  // The tail may hold underscores: the docs' widget keys read test_gsk_docs_….
  const match = /^(live|test)_g?(sk|ck)_[A-Za-z0-9_]+$/.exec(key ?? "");
  if (!match || match[2] !== (kind === "secret" ? "sk" : "ck")) return null;
  return match[1] === "live" ? "live" : "test";
}

/** The only origin a live Toss Payments key may be sent to. */
export const TOSS_PAYMENTS_LIVE_ORIGIN = "https://api.tosspayments.com";

type EnvIssue = { path: string[]; message: string };

/**
 * Production rules for Toss Payments (docs/providers.md §2.1): both keys live and of the same
 * mode, live keys only with https://api.tosspayments.com, test keys only in a declared demo
 * store. No Toss Payments keys at all is allowed (the store does not offer it; the settings page
 * says why it cannot be enabled). `live`: a complete live pair is configured.
 */
function tossPaymentsProductionIssues(env: {
  TOSS_PAYMENTS_SECRET_KEY?: string | undefined;
  TOSS_PAYMENTS_CLIENT_KEY?: string | undefined;
  TOSS_PAYMENTS_BASE_URL?: string | undefined;
  ALLOW_SANDBOX_IN_PRODUCTION: boolean;
}): { live: boolean; issues: EnvIssue[] } {
  const secret = env.TOSS_PAYMENTS_SECRET_KEY;
  const client = env.TOSS_PAYMENTS_CLIENT_KEY;
  if (!secret && !client) return { live: false, issues: [] };
  const secretMode = tossPaymentsKeyMode(secret, "secret");
  const clientMode = tossPaymentsKeyMode(client, "client");
  const issues: EnvIssue[] = [];
  const add = (name: string, message: string) => issues.push({ path: [name], message });
  const anyLive = secretMode === "live" || clientMode === "live";

  if (!secret) {
    add(
      "TOSS_PAYMENTS_SECRET_KEY",
      "is required in production when TOSS_PAYMENTS_CLIENT_KEY is set (live_sk_…)",
    );
  } else if (!secretMode) {
    add("TOSS_PAYMENTS_SECRET_KEY", "must be a Toss Payments secret key (live_sk_… or live_gsk_…)");
  }
  if (!client) {
    add(
      "TOSS_PAYMENTS_CLIENT_KEY",
      "is required in production when TOSS_PAYMENTS_SECRET_KEY is set (live_ck_…)",
    );
  } else if (!clientMode) {
    add("TOSS_PAYMENTS_CLIENT_KEY", "must be a Toss Payments client key (live_ck_…)");
  }
  if (anyLive) {
    for (const [name, mode] of [
      ["TOSS_PAYMENTS_SECRET_KEY", secretMode],
      ["TOSS_PAYMENTS_CLIENT_KEY", clientMode],
    ] as const) {
      if (mode === "test")
        add(
          name,
          "is a test key while the other Toss Payments key is live; use the live pair issued for the same MID",
        );
    }
    if (
      env.TOSS_PAYMENTS_BASE_URL &&
      new URL(env.TOSS_PAYMENTS_BASE_URL).origin !== TOSS_PAYMENTS_LIVE_ORIGIN
    ) {
      add(
        "TOSS_PAYMENTS_BASE_URL",
        `must be ${TOSS_PAYMENTS_LIVE_ORIGIN} (or unset) with live Toss Payments keys; got ${new URL(env.TOSS_PAYMENTS_BASE_URL).origin}`,
      );
    }
    if (env.ALLOW_SANDBOX_IN_PRODUCTION) {
      add(
        "ALLOW_SANDBOX_IN_PRODUCTION",
        "must not be true while the Toss Payments keys are live: a store is either live or a sandbox demo; unset one of them",
      );
    }
  } else if (secretMode === "test" && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
    add(
      "TOSS_PAYMENTS_SECRET_KEY",
      "is a test key; production needs live keys (live_sk_… and live_ck_…), no Toss Payments keys at all, or ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store that takes no real payments",
    );
  }
  return { live: issues.length === 0 && secretMode === "live" && clientMode === "live", issues };
}

/** The only origin PortOne's live API answers on; the official server SDK takes an origin. */
export const PORTONE_LIVE_ORIGIN = "https://api.portone.io";

export const PORTONE_VARIABLES = [
  "PORTONE_API_SECRET",
  "PORTONE_STORE_ID",
  "PORTONE_CHANNEL_KEY",
  "PORTONE_WEBHOOK_SECRET",
] as const;

/**
 * Whether the app talks to the real PortOne (docs/providers.md §3.1: secrets do not say test or
 * live, the host does): PORTONE_BASE_URL on api.portone.io, or PortOne variables set without
 * another PORTONE_BASE_URL. lib/payments/portone/config.ts and the sandbox's availability read it.
 */
export function talksToRealPortOne(
  env: Partial<Record<(typeof PORTONE_VARIABLES)[number] | "PORTONE_BASE_URL", string>>,
): boolean {
  if (env.PORTONE_BASE_URL) return new URL(env.PORTONE_BASE_URL).origin === PORTONE_LIVE_ORIGIN;
  return PORTONE_VARIABLES.some((name) => env[name]);
}

/**
 * Production rules for PortOne (docs/providers.md §3.1): nothing set means the store does not
 * offer it; anything set means all four, against https://api.portone.io. Another origin (the
 * standalone sandbox) only in a declared demo store. PortOne's secrets do not say test or live
 * (the channel does, §3.1), so `live` means "real PortOne": its TEST channels still move no
 * money, and each charge's answer says which it was (lib/payments/portone/provider.ts).
 */
function portOneProductionIssues(
  env: Partial<Record<(typeof PORTONE_VARIABLES)[number], string>> & {
    PORTONE_BASE_URL?: string | undefined;
    ALLOW_SANDBOX_IN_PRODUCTION: boolean;
  },
): { live: boolean; issues: EnvIssue[] } {
  const set = PORTONE_VARIABLES.filter((name) => env[name]);
  if (set.length === 0 && !env.PORTONE_BASE_URL) return { live: false, issues: [] };
  // A base URL alone is a demo store on a standalone sandbox with its public store.
  const issues: EnvIssue[] =
    set.length === 0
      ? []
      : PORTONE_VARIABLES.filter((name) => !env[name]).map((name) => ({
          path: [name],
          message: `is required in production when any PortOne variable is set (${set.join(", ")})`,
        }));
  const origin = env.PORTONE_BASE_URL ? new URL(env.PORTONE_BASE_URL).origin : PORTONE_LIVE_ORIGIN;
  const real = origin === PORTONE_LIVE_ORIGIN;
  if (!real && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
    issues.push({
      path: ["PORTONE_BASE_URL"],
      message: `must be ${PORTONE_LIVE_ORIGIN} (or unset) in production; got ${origin}. A sandbox needs ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store`,
    });
  }
  if (real && set.length > 0 && env.ALLOW_SANDBOX_IN_PRODUCTION) {
    issues.push({
      path: ["ALLOW_SANDBOX_IN_PRODUCTION"],
      message:
        "must not be true while PortOne is configured against api.portone.io: a store is either live or a sandbox demo; unset one of them",
    });
  }
  return { live: issues.length === 0 && real, issues };
}

/** Shortest Vercel Cron secret we accept; also enforced by lib/cron/with-cron.ts per request. */
export const MIN_CRON_SECRET_LENGTH = 32;

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/** APP_URL, else https://$VERCEL_PROJECT_PRODUCTION_URL, else undefined. */
function productionAppUrl(env: {
  APP_URL?: string | undefined;
  VERCEL_PROJECT_PRODUCTION_URL?: string | undefined;
}): string | undefined {
  if (env.APP_URL) return env.APP_URL;
  if (!env.VERCEL_PROJECT_PRODUCTION_URL) return undefined;
  try {
    return new URL(`https://${env.VERCEL_PROJECT_PRODUCTION_URL}`).origin;
  } catch {
    return undefined;
  }
}

export type Env = z.infer<typeof schema> & { APP_URL: string };

export class EnvError extends Error {
  override name = "EnvError";
}

/** Validates an environment: process.env for getEnv(), or an explicit one (tests, checks). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_URL: (productionAppUrl(env) ?? `http://localhost:${env.PORT}`).replace(/\/+$/, ""),
  };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Whether the storefront's cached pages (`/`, `/pricing`) are served from Next's cache with a
 * hashed script policy (lib/security/script-hash-cache-handler.mjs). Only where Next runs our
 * cache handler: `next start` on our own server. Vercel serves cached pages from its own cache
 * and never calls the handler, so a cached page there would go out with no script policy at
 * all; on Vercel those pages render per request with the nonce like every other page (the safe
 * choice: no weaker CSP for speed). `next dev` caches nothing. Reads process.env directly: the
 * build asks too, before the app's configuration may be complete.
 */
export function cachedPagesCarryScriptHashes(): boolean {
  return !process.env.VERCEL && process.env.NODE_ENV !== "development";
}

/**
 * True while `next build` prerenders pages: no database and no run-time secrets exist then (CI
 * builds before it starts one), so the cached storefront pages render placeholders that are
 * never served (lib/security/script-hash-cache-handler.mjs). Next sets NEXT_PHASE itself.
 */
export function renderingAtBuild(): boolean {
  return process.env.NEXT_PHASE === "phase-production-build";
}
