// Next.js calls register() once when a server instance starts. Validating the environment here
// makes a misconfigured deployment fail at boot with the variable named (lib/env.ts), instead
// of on the first request that happens to need it.
export async function register() {
  // The edge runtime has no process.env of ours to check and cannot load lib/db.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getEnv } = await import("@/lib/env");
  getEnv();
}
