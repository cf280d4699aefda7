// Turbopack looks for proxy.ts (and instrumentation.ts) from this folder UP to the workspace
// root, so without a file of its own here it builds the storefront's /proxy.ts (and
// /instrumentation.ts) into the bare app and fails to resolve their "@/…" imports. This one is
// never run: its matcher matches no path the benches request.
export function proxy() {}

export const config = { matcher: "/__bare-next-has-no-proxy" };
