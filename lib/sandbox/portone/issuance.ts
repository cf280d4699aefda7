import type { MountedRequest } from "@/lib/sandbox/shared/context";
import type { PortOneContext } from "./context";

export async function routeIssuance(
  _mounted: MountedRequest<PortOneContext>,
): Promise<Response | null> {
  return null;
}
