import { type SandboxServer, nodeSandboxServer } from "@/lib/sandbox/shared/node-server";
import { TOSS_PAYMENTS_TOOLS } from "./api-error";
import { handleTossPaymentsSandbox } from "./handler";
import { stopSandboxRuntime } from "./runtime";

// The api.tosspayments.com sandbox on node:http (lib/sandbox/shared/node-server.ts): the tests,
// and a standalone process for benchmarks.

export type { SandboxServer };

export const startTossPaymentsSandboxServer = nodeSandboxServer({
  name: "toss-payments",
  brand: TOSS_PAYMENTS_TOOLS,
  handle: handleTossPaymentsSandbox,
  stop: stopSandboxRuntime,
});
