import { type SandboxServer, nodeSandboxServer } from "@/lib/sandbox/shared/node-server";
import { TOSS_PAY_TOOLS } from "./api-error";
import { handleTossPaySandbox } from "./handler";
import { stopSandboxRuntime } from "./runtime";

// The pay.toss.im sandbox on node:http (lib/sandbox/shared/node-server.ts): `npm run sandbox`
// and the tests.

export type { SandboxServer };

export const startSandboxServer = nodeSandboxServer({
  name: "toss-pay",
  brand: TOSS_PAY_TOOLS,
  handle: handleTossPaySandbox,
  stop: stopSandboxRuntime,
});
