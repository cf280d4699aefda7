import {
  type Env,
  getEnv,
  PORTONE_LIVE_ORIGIN,
  PORTONE_VARIABLES,
  talksToRealPortOne,
} from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { PaymentMode } from "../types";

// PortOne V2 configuration (docs/providers.md §3.1). PortOne's secrets do not say test or live:
// the channel does. So the host decides the mode:
// - nothing set: the built-in sandbox with its public sandbox store (below), in development or
//   a declared demo store (ALLOW_SANDBOX_IN_PRODUCTION); production refuses otherwise.
// - the four PORTONE_* variables set: the merchant's store at https://api.portone.io ("live":
//   a TEST channel there still moves no money, and each charge's answer says which it was), or
//   at PORTONE_BASE_URL (a standalone sandbox; production only in a demo store).
// The official server SDK takes an API *origin* and builds absolute paths on it
// (new URL("/payments/…", baseUrl)), so the in-app sandbox is reached at APP_URL's origin and
// next.config.ts rewrites requests signed "Authorization: PortOne …" into /sandbox/portone.

/**
 * The built-in sandbox's store: public like the Toss Payments documentation's test keys, known
 * to the sandbox (it provisions it on first use) and to nothing real.
 */
export const PORTONE_SANDBOX_STORE = {
  storeId: "store-5a4db0c1-0000-4000-8000-00000000c0de",
  apiSecret: "portone-sandbox-api-secret-not-for-production",
  channelKey: "channel-key-5a4db0c1-0000-4000-8000-0000000705a5",
  // whsec_ + base64, as PortOne issues them (§3.5); built from a phrase so it reads as the
  // public sandbox value it is, not as a leaked secret.
  webhookSecret: `whsec_${Buffer.from("portone-sandbox-webhook-secret!").toString("base64")}`,
} as const;

/** The official browser SDK script (@portone/browser-sdk/v2 loads it from here). */
export const PORTONE_OFFICIAL_SDK_URL = "https://cdn.portone.io/v2/browser-sdk.js";

/** Where the built-in sandbox is mounted, relative to APP_URL. */
export const PORTONE_SANDBOX_PATH = "/sandbox/portone";

const VALUE_MAX_LENGTH = 500; // far above any issued secret or key; longer is a pasted mistake

export type PortOneConfig = {
  apiSecret: string;
  storeId: string;
  channelKey: string;
  webhookSecret: string;
  // The API origin the server SDK is given: https://api.portone.io, the app's own origin (the
  // in-app sandbox, through the rewrite) or a standalone sandbox.
  apiOrigin: string;
  // The browser SDK script the registration page loads.
  scriptUrl: string;
  mode: PaymentMode;
};

function configError(message: string): AppError {
  // Secrets are never put in a message.
  return new AppError("config_error", message, {
    userMessage: "지금은 포트원 결제수단을 쓸 수 없어요. 고객센터로 문의해 주세요.",
  });
}

/** Live only against PortOne itself; the sandbox (in-app or standalone) moves no money. */
export function portOneMode(env: Env = getEnv()): PaymentMode {
  return talksToRealPortOne(env) ? "live" : "sandbox";
}

export function portOneConfig(env: Env = getEnv()): PortOneConfig {
  const set = PORTONE_VARIABLES.filter((name) => env[name]);
  if (set.length === 0) {
    if (env.NODE_ENV === "production" && !env.ALLOW_SANDBOX_IN_PRODUCTION) {
      throw configError(
        `${PORTONE_VARIABLES.join(", ")} are not set: PortOne needs the store's API secret, store id, Toss Pay channel key and webhook secret in production, or ALLOW_SANDBOX_IN_PRODUCTION=true for a demo store.`,
      );
    }
    const apiOrigin = env.PORTONE_BASE_URL ? originOf(env.PORTONE_BASE_URL) : originOf(env.APP_URL);
    if (apiOrigin === PORTONE_LIVE_ORIGIN) {
      throw configError(
        `PORTONE_BASE_URL is ${PORTONE_LIVE_ORIGIN} but no PortOne variables are set: set ${PORTONE_VARIABLES.join(", ")} from the PortOne console.`,
      );
    }
    return {
      ...sandboxStore(),
      apiOrigin,
      scriptUrl: sandboxScriptUrl(env, apiOrigin),
      mode: "sandbox",
    };
  }
  const missing = PORTONE_VARIABLES.filter((name) => !env[name]);
  if (missing.length > 0) {
    throw configError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set, but ${set.join(", ")} ${set.length === 1 ? "is" : "are"}: set all four PortOne variables from the same store.`,
    );
  }
  const values = {
    apiSecret: env.PORTONE_API_SECRET!,
    storeId: env.PORTONE_STORE_ID!,
    channelKey: env.PORTONE_CHANNEL_KEY!,
    webhookSecret: env.PORTONE_WEBHOOK_SECRET!,
  };
  for (const [name, value] of Object.entries(values)) {
    if (value.length > VALUE_MAX_LENGTH) {
      throw configError(`PortOne's ${name} is longer than ${VALUE_MAX_LENGTH} characters.`);
    }
  }
  if (!/^store-[A-Za-z0-9-]+$/.test(values.storeId)) {
    throw configError("PORTONE_STORE_ID is not a PortOne store id (store-…).");
  }
  if (!/^channel-key-[A-Za-z0-9-]+$/.test(values.channelKey)) {
    throw configError("PORTONE_CHANNEL_KEY is not a PortOne channel key (channel-key-…).");
  }
  const apiOrigin = originOf(env.PORTONE_BASE_URL ?? PORTONE_LIVE_ORIGIN);
  const live = apiOrigin === PORTONE_LIVE_ORIGIN;
  return {
    ...values,
    apiOrigin,
    scriptUrl: live ? PORTONE_OFFICIAL_SDK_URL : sandboxScriptUrl(env, apiOrigin),
    mode: live ? "live" : "sandbox",
  };
}

/** The sandbox's copy of the browser SDK: under its mount in the app, at the root standalone. */
function sandboxScriptUrl(env: Env, apiOrigin: string): string {
  return apiOrigin === originOf(env.APP_URL)
    ? `${withoutTrailingSlash(env.APP_URL)}${PORTONE_SANDBOX_PATH}/browser-sdk.js`
    : `${apiOrigin}/browser-sdk.js`;
}

function sandboxStore() {
  const { storeId, apiSecret, channelKey, webhookSecret } = PORTONE_SANDBOX_STORE;
  return { storeId, apiSecret, channelKey, webhookSecret };
}

function originOf(url: string): string {
  return new URL(url).origin;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
