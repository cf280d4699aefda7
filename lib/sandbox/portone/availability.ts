import { type Env, getEnv, PORTONE_LIVE_ORIGIN, PORTONE_VARIABLES } from "@/lib/env";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";

// PortOne decides test or live per channel, not by the shape of a key (docs/providers.md
// §3.1), so no key says "live". What does is the app's PortOne configuration, the same rule as
// lib/payments/portone/config.ts portOneMode (same lib layer, so restated here from lib/env's
// constants): any PORTONE_* variable set while talking to https://api.portone.io
// (PORTONE_BASE_URL unset or on that origin). The secrets are then real PortOne secrets and the
// mounted sandbox must not exist, so a live deployment never answers as PortOne (nor stores
// those secrets in its tables).
export function portoneSandboxAvailable(env: Env = getEnv()): boolean {
  if (!sandboxMayRun(env)) return false;
  if (!PORTONE_VARIABLES.some((name) => env[name])) return true;
  const origin = env.PORTONE_BASE_URL ? new URL(env.PORTONE_BASE_URL).origin : PORTONE_LIVE_ORIGIN;
  return origin !== PORTONE_LIVE_ORIGIN;
}
