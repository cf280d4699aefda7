import { type Env, getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentMode } from "../types";

// Toss Pay has one host for test and live; the API key decides whether money moves
// (docs/providers.md §1.1): sk_test_… never moves money, sk_live_… does. We run in "live" mode only
// with a live key; everything else talks to the built-in sandbox unless TOSS_PAY_BASE_URL
// points somewhere else (e.g. https://pay.toss.im with a merchant's own test key).

/** The public documentation test key; many merchants share it, so test orders mix. */
export const TOSS_PAY_PUBLIC_TEST_KEY = "sk_test_w5lNQylNqa5lNQe013Nq";

/** The only hosts a live key may ever be sent to (alpha-pay is Toss's development host). */
export const TOSS_PAY_HOSTS: ReadonlySet<string> = new Set(["pay.toss.im", "alpha-pay.toss.im"]);

const LIVE_BASE_URL = "https://pay.toss.im";
const API_KEY_MAX_LENGTH = 30; // docs/providers.md §1.2

export type TossPayConfig = { apiKey: string; baseUrl: string; mode: PaymentMode };

/** Toss Pay's mode: live only with a live key (sk_live_…). */
export function tossPayMode(env: Env = getEnv()): PaymentMode {
  return env.TOSS_PAY_API_KEY?.startsWith("sk_live_") ? "live" : "sandbox";
}

export function tossPayConfig(env: Env = getEnv()): TossPayConfig {
  const mode = tossPayMode(env);
  const apiKey = env.TOSS_PAY_API_KEY ?? TOSS_PAY_PUBLIC_TEST_KEY;
  if (apiKey.length > API_KEY_MAX_LENGTH) {
    // The key itself is never put in the message.
    throw new AppError(
      "config_error",
      `TOSS_PAY_API_KEY is ${apiKey.length} characters long; Toss Pay API keys are at most ${API_KEY_MAX_LENGTH}.`,
    );
  }

  if (mode === "sandbox") {
    const baseUrl =
      env.TOSS_PAY_BASE_URL ?? `${withoutTrailingSlash(env.APP_URL)}/sandbox/toss-pay`;
    return { apiKey, baseUrl: withoutTrailingSlash(baseUrl), mode };
  }

  // Live: a real key must never reach the sandbox or any other host, whatever else is
  // misconfigured (a copied .env, a preview deployment's TOSS_PAY_BASE_URL).
  const baseUrl = env.TOSS_PAY_BASE_URL ?? LIVE_BASE_URL;
  const url = new URL(baseUrl);
  if (url.protocol !== "https:" || !TOSS_PAY_HOSTS.has(url.hostname) || url.port !== "") {
    throw new AppError(
      "config_error",
      `TOSS_PAY_BASE_URL is ${url.origin}, but TOSS_PAY_API_KEY is a live key (sk_live_…). A live key may only be used with https://pay.toss.im (or https://alpha-pay.toss.im); unset TOSS_PAY_BASE_URL or use a test key (sk_test_…) for the sandbox.`,
    );
  }
  return { apiKey, baseUrl: withoutTrailingSlash(url.toString()), mode };
}

/**
 * docs/providers.md §1.7: a test key in production gives the service away for free, and Toss says
 * which one it used in every bill and status answer. Returns a merchant-facing problem, or null.
 *
 * Only a *present* non-LIVE mode is a problem. A live answer without `mode` may still have
 * moved money, and calling that a failure could lead to charging the customer again.
 */
export function responseModeProblem(
  mode: PaymentMode,
  responseMode: string | null | undefined,
): string | null {
  if (mode !== "live" || responseMode == null || responseMode === "LIVE") return null;
  return `Toss Pay answered mode=${responseMode} although TOSS_PAY_API_KEY is a live key; no money moved. Check that the live key is the one issued for this merchant.`;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
