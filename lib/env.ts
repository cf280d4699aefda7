import { z } from "zod";

// The only module that reads process.env. Everything is validated once, on first use (so
// `next build` can import modules without a database), and again at server start through
// instrumentation.ts, so a misconfigured deployment fails immediately with the variable named.

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    // Public base URL of this app, used to build provider callback and return URLs.
    APP_URL: optionalString.pipe(z.url({ protocol: /^https?$/ }).optional()),
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
    // Toss retries a failed billing-key callback every 3 minutes (providers.md §1.4.2).
    TOSS_PAY_SANDBOX_CALLBACK_RETRY_MS: z.coerce.number().int().min(10).default(180_000),
    // Seed of the sandbox's random faults, so a failing chaos run can be replayed.
    TOSS_PAY_SANDBOX_SEED: z.coerce
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
    CRON_SECRET: optionalString,
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
    for (const name of ["DATABASE_URL", "AUTH_SECRET", "BILLING_KEY_ENCRYPTION_KEY"] as const) {
      if (!env[name]) {
        ctx.addIssue({
          code: "custom",
          path: [name],
          message: "is required in production",
        });
      }
    }
  });

export type Env = z.infer<typeof schema> & { APP_URL: string };

export class EnvError extends Error {
  override name = "EnvError";
}

function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join(".")}: ${i.message}`);
    throw new EnvError(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return { ...env, APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}` };
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests: validate an explicit environment without touching the cached one. */
export function parseEnvForTest(source: Record<string, string | undefined>): Env {
  return parseEnv(source as NodeJS.ProcessEnv);
}
