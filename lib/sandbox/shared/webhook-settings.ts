import { z } from "zod";
import { getEnv } from "@/lib/env";
import type { FaultSettings } from "./faults";
import { type SettingsTable, type SettingsViewOf, settingsStore } from "./settings-row";

// The switches of a sandbox whose provider sends webhooks (Toss Payments, PortOne): the fault
// switches every sandbox has, plus where webhooks go when a call names no URL (the provider's
// console setting; by default this app's own route for that provider) and how long one of the
// provider's documented retry minutes lasts (tests shorten it). Null restores the default.

export type WebhookSandboxSettings = FaultSettings & {
  /** Where webhooks are POSTed: by default {APP_URL}/api/payments/{slug}/webhook. */
  webhookUrl: string;
  /** One of the documented retry minutes, in ms; 60 000 like the providers. */
  webhookRetryMinuteMs: number;
};

/** The settings as a sandbox reads them: the values in force, the defaults, when changed. */
export type WebhookSettingsView = SettingsViewOf<WebhookSandboxSettings>;

/**
 * The settings store of one such sandbox. `slug` is the provider's URL segment
 * (lib/payments/provider-names.ts: toss-payments, portone), not its name: the route answers 404
 * to anything else, and every webhook would be retried for days unheard.
 */
export function webhookSettingsStore(table: SettingsTable, slug: string) {
  const defaults = (): WebhookSandboxSettings => ({
    latencyMs: 0,
    errorRate: 0,
    timeoutRate: 0,
    lostResponseRate: 0,
    seed: null,
    webhookUrl: `${getEnv().APP_URL.replace(/\/+$/, "")}/api/payments/${slug}/webhook`,
    webhookRetryMinuteMs: 60_000,
  });
  const store = settingsStore(table, defaults, {
    webhookUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable()
      .optional(),
    webhookRetryMinuteMs: z.number().int().min(1).max(3_600_000).nullable().optional(),
  });
  return { ...store, defaults };
}
