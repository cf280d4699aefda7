import { type Env, getEnv, talksToRealPortOne } from "@/lib/env";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";

// PortOne decides test or live per channel, not by the shape of a key (docs/providers.md
// §3.1), so no key says "live". What does: the app talking to the real api.portone.io (its
// PORTONE_* variables set without another PORTONE_BASE_URL, lib/env.ts talksToRealPortOne).
// Its secrets are then real PortOne secrets and the mounted sandbox must not exist, so a live
// deployment never answers as PortOne.
export function portoneSandboxAvailable(env: Env = getEnv()): boolean {
  return sandboxMayRun(env) && !talksToRealPortOne(env);
}
