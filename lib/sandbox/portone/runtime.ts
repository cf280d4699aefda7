import { sandboxRuntime } from "@/lib/sandbox/shared/runtime";
import { loadSettings } from "./settings";
import { processDueWebhooks } from "./webhooks";

// The PortOne sandbox's runtime (lib/sandbox/shared/runtime.ts): its settings, and its
// webhooks as what the timer delivers.
export const { runtimeFor, stopSandboxRuntime } = sandboxRuntime({
  name: "portone",
  loadSettings,
  deliver: processDueWebhooks,
  retryIntervalMs: (view) => view.webhookRetryMinuteMs,
});
