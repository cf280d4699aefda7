// Next.js calls register() once when a server instance starts. Validating the environment here
// makes a misconfigured deployment fail at boot with the variable named (lib/env.ts), instead
// of answering every request with a 500. It also hands the cache handler the cached pages'
// headers, composed from that environment (lib/security/cached-page-headers.ts).
export async function register() {
  // Only the Node.js server: the edge runtime has no process.exit and cannot load lib/db.
  // Next replaces NEXT_RUNTIME at compile time, so this branch is dropped from edge bundles.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { EnvError, cachedPagesCarryScriptHashes, getEnv } = await import("@/lib/env");
    let env;
    try {
      env = getEnv();
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      // A thrown error is only logged while `next start` keeps serving 500s; exiting lets the
      // process manager (or Vercel's function start) report the failed boot.
      console.error(error.message);
      process.exit(1);
    }
    // The headers the cache handler stores with each cached storefront page (proxy.ts does
    // not run for those pages).
    if (cachedPagesCarryScriptHashes()) {
      const { publishCachedPageHeaders } = await import("@/lib/security/cached-page-headers");
      publishCachedPageHeaders(env);
    }
  }
}
