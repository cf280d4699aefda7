import { type SandboxServer, nodeSandboxServer } from "@/lib/sandbox/shared/node-server";
import { PORTONE_TOOLS } from "./api-error";
import { handlePortOneSandbox } from "./handler";
import { stopSandboxRuntime } from "./runtime";

// The api.portone.io sandbox on node:http (lib/sandbox/shared/node-server.ts): the tests, and
// the standalone process (`npm run sandbox -- --provider portone`).

export type { SandboxServer };

export const startPortOneSandboxServer = nodeSandboxServer({
  name: "portone",
  brand: PORTONE_TOOLS,
  handle: handlePortOneSandbox,
  stop: stopSandboxRuntime,
});
