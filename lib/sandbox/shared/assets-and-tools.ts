import { serveFont } from "./assets";
import type { MountedRequest, SandboxHostOptions } from "./context";

/**
 * The paths the PortOne and Toss Payments sandboxes serve alike: their fonts (/_assets/*) and
 * their developer tools (/_sandbox/**, only once the host's authorizeTools lets the request
 * in). Null when the path is neither or names no tool: the caller answers "not found" in its
 * own provider's error shape.
 */
export async function routeAssetsAndTools<Context>(
  mounted: MountedRequest<Context>,
  authorizeTools: SandboxHostOptions["authorizeTools"],
  routeTools: (mounted: MountedRequest<Context>) => Promise<Response | null>,
): Promise<Response | null> {
  const { request, method, path } = mounted;
  if (path.startsWith("/_assets/") && method === "GET") {
    return await serveFont(path.slice("/_assets/".length));
  }
  if (path === "/_sandbox" || path.startsWith("/_sandbox/")) {
    const refusal = await authorizeTools(request);
    if (refusal) return refusal;
    return await routeTools(mounted);
  }
  return null;
}
