import { webhookSettingsStore } from "@/lib/sandbox/shared/webhook-settings";
import { settings } from "./schema";

// The Toss Payments sandbox's switches: the fault switches every sandbox has, plus where
// webhooks go (Toss registers one URL per MID in its developer centre, docs/providers.md §2.6)
// and how long one of its documented retry minutes (1, 4, 16 … 4096) lasts. Stored overrides
// in the one-row `settings` table; null means the default. Faults default to off: the settings
// API is how tests, the chaos run and the bench switch them.
export const SETTINGS_STORE = webhookSettingsStore(settings, "toss-payments");
export const loadSettings = SETTINGS_STORE.load;
