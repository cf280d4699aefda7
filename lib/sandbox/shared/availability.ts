import { type Env, getEnv } from "@/lib/env";

/**
 * Whether a built-in sandbox may be mounted at all: always in development and tests; in
 * production only for a demo store whose merchant opted in (ALLOW_SANDBOX_IN_PRODUCTION=true),
 * so a live store never answers as a provider, whatever keys a provider it does not use has.
 * Each sandbox adds its own rule (never with its provider's live key).
 */
export function sandboxMayRun(
  env: Pick<Env, "NODE_ENV" | "ALLOW_SANDBOX_IN_PRODUCTION"> = getEnv(),
) {
  return env.NODE_ENV !== "production" || env.ALLOW_SANDBOX_IN_PRODUCTION;
}
