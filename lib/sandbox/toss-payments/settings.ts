import { z } from "zod";
import { getEnv } from "@/lib/env";
import type { FaultSettings } from "@/lib/sandbox/shared/faults";
import { type SettingsViewOf, settingsStore } from "@/lib/sandbox/shared/settings-row";
import { settings } from "./schema";

// The Toss Payments sandbox's switches: the fault switches every sandbox has, plus where
// webhooks go (Toss registers one URL per MID in its developer centre, docs/providers.md §2.6)
// and how long a documented retry minute lasts. Stored overrides in the one-row `settings`
// table; null means the default. Faults default to off (no environment variables of its own:
// the settings API is how tests, the chaos run and the bench switch them).

export type TossPaymentsSettings = FaultSettings & {
  /**
   * Where webhooks are POSTed; by default the app's own endpoint, whose segment is the
   * provider's URL slug (toss-payments, lib/payments/provider-names.ts), not its name.
   */
  webhookUrl: string;
  /** One of the documented retry minutes (1, 4, 16 … 4096), in ms; 60 000 like Toss. */
  webhookRetryMinuteMs: number;
};

export type SettingsView = SettingsViewOf<TossPaymentsSettings>;

export function defaultSettings(): TossPaymentsSettings {
  const appUrl = getEnv().APP_URL.replace(/\/+$/, "");
  return {
    latencyMs: 0,
    errorRate: 0,
    timeoutRate: 0,
    lostResponseRate: 0,
    seed: null,
    webhookUrl: `${appUrl}/api/payments/toss-payments/webhook`,
    webhookRetryMinuteMs: 60_000,
  };
}

export const SETTINGS_STORE = settingsStore(settings, defaultSettings, {
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  webhookRetryMinuteMs: z.number().int().min(1).max(3_600_000).nullable().optional(),
});

export const loadSettings = SETTINGS_STORE.load;
