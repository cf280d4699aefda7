import { z } from "zod";
import { getEnv } from "@/lib/env";
import type { FaultSettings } from "@/lib/sandbox/shared/faults";
import { type SettingsViewOf, settingsStore } from "@/lib/sandbox/shared/settings-row";
import { settings } from "./schema";

// The PortOne sandbox's switches: the fault switches every sandbox has, plus the console's
// webhook URL (used when a call gives no noticeUrls, docs/providers.md §3.5) and how long a
// documented retry minute lasts. Stored in the one-row `settings` table; null = the default.

export type PortOneSettings = FaultSettings & {
  /** The console's webhook URL; by default the app's own endpoint (provider slug `portone`). */
  webhookUrl: string;
  /** One of the documented retry minutes (1, 4, 16, 64, 256), in ms; 60 000 like PortOne. */
  webhookRetryMinuteMs: number;
};

export type SettingsView = SettingsViewOf<PortOneSettings>;

export function defaultSettings(): PortOneSettings {
  const appUrl = getEnv().APP_URL.replace(/\/+$/, "");
  return {
    latencyMs: 0,
    errorRate: 0,
    timeoutRate: 0,
    lostResponseRate: 0,
    seed: null,
    webhookUrl: `${appUrl}/api/payments/portone/webhook`,
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
