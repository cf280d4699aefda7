import type { Database } from "@/lib/db/client";
import {
  type RuntimeDefinition,
  type SandboxRuntime,
  runtimeFor as sharedRuntimeFor,
  stopRuntime,
} from "@/lib/sandbox/shared/runtime";
import { type SettingsView, loadSettings } from "./settings";
import { processDueWebhooks } from "./webhooks";

// The PortOne sandbox's runtime (lib/sandbox/shared/runtime.ts): its settings, and its
// webhooks as what the timer delivers.

const PORTONE_RUNTIME: RuntimeDefinition<SettingsView> = {
  name: "portone",
  loadSettings,
  deliver: processDueWebhooks,
  retryIntervalMs: (view) => view.webhookRetryMinuteMs,
};

export function runtimeFor(db: Database): SandboxRuntime<SettingsView> {
  return sharedRuntimeFor(db, PORTONE_RUNTIME);
}

/** Stops the webhook timer of a database's sandbox (servers and tests call it on close). */
export function stopSandboxRuntime(db: Database): void {
  stopRuntime(db, PORTONE_RUNTIME.name);
}
