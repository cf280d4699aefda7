import type { Database } from "@/lib/db/client";
import { callbackOriginsFor } from "@/lib/sandbox/shared/callback-origins";
import {
  type RuntimeDefinition,
  type SandboxRuntime,
  runtimeFor as sharedRuntimeFor,
  stopRuntime,
} from "@/lib/sandbox/shared/runtime";
import { processDueCallbacks } from "./callbacks";
import { type SettingsView, loadSettings } from "./settings";

// The Toss Pay sandbox's runtime (lib/sandbox/shared/runtime.ts): its settings, and the
// billing-key callbacks as what the timer delivers.

const TOSS_PAY_RUNTIME: RuntimeDefinition<SettingsView> = {
  name: "toss-pay",
  loadSettings,
  deliver: (db, view) =>
    processDueCallbacks(db, {
      retryIntervalMs: view.callbackRetryIntervalMs,
      allowedOrigins: callbackOriginsFor(db),
    }),
  retryIntervalMs: (view) => view.callbackRetryIntervalMs,
};

export function runtimeFor(db: Database): SandboxRuntime<SettingsView> {
  return sharedRuntimeFor(db, TOSS_PAY_RUNTIME);
}

/** Stops the callback timer of a database's sandbox (servers and tests call it on close). */
export function stopSandboxRuntime(db: Database): void {
  stopRuntime(db, TOSS_PAY_RUNTIME.name);
}
