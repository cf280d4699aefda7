import { sandboxRuntime } from "@/lib/sandbox/shared/runtime";
import { loadSettings } from "./settings";
import { processDueWebhooks } from "./webhooks";

// The Toss Payments sandbox's runtime (lib/sandbox/shared/runtime.ts): its settings, and its
// webhooks as what the timer delivers.
export const { runtimeFor, stopSandboxRuntime } = sandboxRuntime({
  name: "toss-payments",
  loadSettings,
  deliver: processDueWebhooks,
  retryIntervalMs: (view) => view.webhookRetryMinuteMs,
});
