import { type Env, getEnv, TOSS_PAYMENTS_LIVE_ORIGIN, tossPaymentsKeyMode } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentMode } from "../types";

// Toss Payments configuration (docs/providers.md §2.1). The key prefix decides test or live:
// live_sk_/live_gsk_ + live_ck_ move money and only ever go to https://api.tosspayments.com;
// test_sk_ + test_ck_ never move money and go to the built-in sandbox
// ({APP_URL}/sandbox/toss-payments) unless TOSS_PAYMENTS_BASE_URL names another host (e.g.
// https://api.tosspayments.com with the merchant's own test keys). Without keys, development
// uses the documentation's public test pair against the sandbox; production refuses to run the
// provider without keys unless the store is a declared demo (ALLOW_SANDBOX_IN_PRODUCTION).
// Nothing here falls back to another provider's keys or hosts.

/** The documentation's public test pair (docs/providers.md §2.1): shared by everyone. */
export const TOSS_PAYMENTS_DOC_TEST_KEYS = {
  secretKey: "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R",
  clientKey: "test_ck_D5GePWvyJnrK0W0k6q8gLzN97Eoq",
} as const;

/** The official browser SDK v2 (docs/providers.md §2.2). */
const OFFICIAL_SCRIPT_URL = "https://js.tosspayments.com/v2/standard";

/** Where the built-in sandbox is mounted, relative to APP_URL. */
export const TOSS_PAYMENTS_SANDBOX_PATH = "/sandbox/toss-payments";

const KEY_MAX_LENGTH = 200; // far above any issued key; a longer value is a pasted mistake

export type TossPaymentsConfig = {
  secretKey: string;
  clientKey: string;
  baseUrl: string;
  // The browser SDK the registration window loads: the official one against Toss, the
  // sandbox's own copy (same globals and contract) against the sandbox.
  scriptUrl: string;
  mode: PaymentMode;
};

/** Live only with a live secret key; everything else moves no money. */
export function tossPaymentsMode(env: Env = getEnv()): PaymentMode {
  return tossPaymentsKeyMode(env.TOSS_PAYMENTS_SECRET_KEY, "secret") === "live"
    ? "live"
    : "sandbox";
}

function configError(message: string): AppError {
  // Keys themselves are never put in a message.
  return new AppError("config_error", message, {
    userMessage: "지금은 토스페이먼츠 결제수단을 쓸 수 없어요. 고객센터로 문의해 주세요.",
  });
}

export function tossPaymentsConfig(env: Env = getEnv()): TossPaymentsConfig {
  const setKeys = env.TOSS_PAYMENTS_SECRET_KEY ?? env.TOSS_PAYMENTS_CLIENT_KEY;
  if (!setKeys && env.NODE_ENV === "production" && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
    throw configError(
      "TOSS_PAYMENTS_SECRET_KEY and TOSS_PAYMENTS_CLIENT_KEY are not set: Toss Payments needs live keys (live_sk_…, live_ck_…) in production, or ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store.",
    );
  }
  const secretKey =
    env.TOSS_PAYMENTS_SECRET_KEY ?? (setKeys ? undefined : TOSS_PAYMENTS_DOC_TEST_KEYS.secretKey);
  const clientKey =
    env.TOSS_PAYMENTS_CLIENT_KEY ?? (setKeys ? undefined : TOSS_PAYMENTS_DOC_TEST_KEYS.clientKey);
  if (!secretKey)
    throw configError(
      "TOSS_PAYMENTS_SECRET_KEY is not set, but TOSS_PAYMENTS_CLIENT_KEY is: set both keys of the same pair.",
    );
  if (!clientKey)
    throw configError(
      "TOSS_PAYMENTS_CLIENT_KEY is not set, but TOSS_PAYMENTS_SECRET_KEY is: set both keys of the same pair.",
    );

  const secretMode = tossPaymentsKeyMode(secretKey, "secret");
  const clientMode = tossPaymentsKeyMode(clientKey, "client");
  if (!secretMode || secretKey.length > KEY_MAX_LENGTH) {
    throw configError(
      "TOSS_PAYMENTS_SECRET_KEY is not a Toss Payments secret key (test_sk_… or live_sk_…).",
    );
  }
  if (!clientMode || clientKey.length > KEY_MAX_LENGTH) {
    throw configError(
      "TOSS_PAYMENTS_CLIENT_KEY is not a Toss Payments client key (test_ck_… or live_ck_…).",
    );
  }
  if (secretMode !== clientMode) {
    throw configError(
      `TOSS_PAYMENTS_SECRET_KEY is a ${secretMode} key but TOSS_PAYMENTS_CLIENT_KEY is a ${clientMode} key; use the pair issued together.`,
    );
  }

  if (secretMode === "test") {
    const baseUrl = withoutTrailingSlash(
      env.TOSS_PAYMENTS_BASE_URL ??
        `${withoutTrailingSlash(env.APP_URL)}${TOSS_PAYMENTS_SANDBOX_PATH}`,
    );
    // Test keys against Toss itself load the official SDK; against the sandbox, its copy.
    const scriptUrl =
      new URL(baseUrl).origin === TOSS_PAYMENTS_LIVE_ORIGIN
        ? OFFICIAL_SCRIPT_URL
        : `${baseUrl}/v2/standard`;
    return { secretKey, clientKey, baseUrl, scriptUrl, mode: "sandbox" };
  }

  // Live: a real key must never reach the sandbox or any other host, whatever else is
  // misconfigured (a copied .env, a preview deployment's TOSS_PAYMENTS_BASE_URL).
  const url = new URL(env.TOSS_PAYMENTS_BASE_URL ?? TOSS_PAYMENTS_LIVE_ORIGIN);
  if (url.origin !== TOSS_PAYMENTS_LIVE_ORIGIN || withoutTrailingSlash(url.pathname) !== "") {
    throw configError(
      `TOSS_PAYMENTS_BASE_URL is ${url.origin}${url.pathname}, but TOSS_PAYMENTS_SECRET_KEY is a live key. A live key may only be used with ${TOSS_PAYMENTS_LIVE_ORIGIN}; unset TOSS_PAYMENTS_BASE_URL or use test keys (test_sk_…, test_ck_…) for the sandbox.`,
    );
  }
  return {
    secretKey,
    clientKey,
    baseUrl: TOSS_PAYMENTS_LIVE_ORIGIN,
    scriptUrl: OFFICIAL_SCRIPT_URL,
    mode: "live",
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
