// Stops Turbopack from building the storefront's /instrumentation.ts into the bare app (it
// searches from this folder up to the workspace root; see proxy.ts). Nothing to set up here.
export function register() {}
