import { callbackOriginsFor } from "@/lib/sandbox/shared/callback-origins";
import { sandboxRuntime } from "@/lib/sandbox/shared/runtime";
import { processDueCallbacks } from "./callbacks";
import { loadSettings } from "./settings";

// The Toss Pay sandbox's runtime (lib/sandbox/shared/runtime.ts): its settings, and the
// billing-key callbacks as what the timer delivers.
export const { runtimeFor, stopSandboxRuntime } = sandboxRuntime({
  name: "toss-pay",
  loadSettings,
  deliver: (db, view) =>
    processDueCallbacks(db, {
      retryIntervalMs: view.callbackRetryIntervalMs,
      allowedOrigins: callbackOriginsFor(db),
    }),
  retryIntervalMs: (view) => view.callbackRetryIntervalMs,
});
