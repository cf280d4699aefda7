import { type Env, getEnv } from "@/lib/env";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";

// PortOne decides test or live per channel, not by the shape of a key (docs/providers.md
// §3.1), so no key says "live". What does: the app talking to the real api.portone.io
// (PORTONE_BASE_URL on that origin). Its secrets are then real PortOne secrets and the mounted
// sandbox must not exist, so a live deployment never answers as PortOne. The sandbox's reading;
// PORTONE_* are read from the process environment until lib/env.ts declares them.
export const PORTONE_LIVE_ORIGIN = "https://api.portone.io";

export function portoneSandboxAvailable(
  env: Pick<Env, "NODE_ENV" | "ALLOW_SANDBOX_IN_PRODUCTION"> = getEnv(),
  processEnv: Record<string, string | undefined> = process.env,
): boolean {
  if (!sandboxMayRun(env)) return false;
  const baseUrl = processEnv.PORTONE_BASE_URL?.trim();
  if (!baseUrl) return true;
  try {
    return new URL(baseUrl).origin !== PORTONE_LIVE_ORIGIN;
  } catch {
    return true;
  }
}
