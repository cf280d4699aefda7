import { z } from "zod";
import { getEnv } from "@/lib/env";
import { type SettingsViewOf, settingsStore } from "@/lib/sandbox/shared/settings-row";
import { settings } from "./schema";

// The sandbox's switches. Environment variables give the defaults (lib/env.ts); the settings
// API stores overrides in the one-row `settings` table, where null means "the default".

export type SandboxSettings = {
  latencyMs: number; // added before every API answer
  errorRate: number; // 0..1: answer 500 COMMON_SYSTEM_ERROR without doing anything
  timeoutRate: number; // 0..1: do nothing and never answer (until the client gives up)
  lostResponseRate: number; // 0..1: do the work, then lose the answer (connection reset / 502)
  callbackRetryIntervalMs: number; // between callback deliveries; Toss: 3 minutes
  seed: number | null; // of the fault dice; null: a random seed per process
};

export type SettingsView = SettingsViewOf<SandboxSettings>;

export function defaultSettings(): SandboxSettings {
  const env = getEnv();
  return {
    latencyMs: env.TOSS_PAY_SANDBOX_LATENCY_MS,
    errorRate: env.TOSS_PAY_SANDBOX_ERROR_RATE,
    timeoutRate: env.TOSS_PAY_SANDBOX_TIMEOUT_RATE,
    lostResponseRate: env.TOSS_PAY_SANDBOX_LOST_RESPONSE_RATE,
    callbackRetryIntervalMs: env.TOSS_PAY_SANDBOX_CALLBACK_RETRY_MS,
    seed: env.TOSS_PAY_SANDBOX_SEED ?? null,
  };
}

export const SETTINGS_STORE = settingsStore(settings, defaultSettings, {
  callbackRetryIntervalMs: z.number().int().min(10).max(86_400_000).nullable().optional(),
});

export const loadSettings = SETTINGS_STORE.load;
