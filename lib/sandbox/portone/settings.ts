import { webhookSettingsStore } from "@/lib/sandbox/shared/webhook-settings";
import { settings } from "./schema";

// The PortOne sandbox's switches: the fault switches every sandbox has, plus the console's
// webhook URL (used when a call gives no noticeUrls, docs/providers.md §3.5) and how long one of
// its documented retry minutes (1, 4, 16, 64, 256) lasts. Stored in the one-row `settings`
// table; null = the default.
export const SETTINGS_STORE = webhookSettingsStore(settings, "portone");
export const loadSettings = SETTINGS_STORE.load;
