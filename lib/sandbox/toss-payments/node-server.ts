import {
  type SandboxServer,
  type SandboxServerOptions,
  startNodeSandbox,
} from "@/lib/sandbox/shared/node-server";
import { TOSS_PAYMENTS_TOOLS } from "./api-error";
import { handleTossPaymentsSandbox } from "./handler";
import { stopSandboxRuntime } from "./runtime";

// The api.tosspayments.com sandbox on node:http (lib/sandbox/shared/node-server.ts): the tests,
// and a standalone process for benchmarks.

export type { SandboxServer };

export function startTossPaymentsSandboxServer(
  options: SandboxServerOptions,
): Promise<SandboxServer> {
  return startNodeSandbox(
    {
      name: "toss-payments",
      brand: TOSS_PAYMENTS_TOOLS,
      handle: (request, handlerOptions) => handleTossPaymentsSandbox(request, handlerOptions),
      stop: stopSandboxRuntime,
    },
    options,
  );
}
