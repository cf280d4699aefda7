// {APP_URL}/sandbox/portone/** : the built-in api.portone.io sandbox (lib/sandbox/portone), the
// default PortOne host in sandbox mode (next.config.ts also rewrites requests signed
// "Authorization: PortOne …" at the app's origin here, for the official server SDK). With the
// app configured for the real api.portone.io it does not exist: a live deployment must never
// answer as PortOne. On first use it provisions the store the app's PortOne configuration names
// (lib/payments/portone/config.ts: PORTONE_* or the public sandbox store), so the app works
// against it with zero setup.
import { db } from "@/lib/db/client";
import { portOneConfig } from "@/lib/payments/portone/config";
import { PORTONE_TOOLS } from "@/lib/sandbox/portone/api-error";
import { portoneSandboxAvailable } from "@/lib/sandbox/portone/availability";
import { handlePortOneSandbox } from "@/lib/sandbox/portone/handler";
import { ensurePortOneStore } from "@/lib/sandbox/portone/stores";
import { sandboxRoute } from "../../sandbox-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/portone";

async function provisionAppStore(): Promise<void> {
  try {
    const { storeId, apiSecret, channelKey, webhookSecret } = portOneConfig();
    await ensurePortOneStore(db(), { storeId, apiSecret, channelKey, webhookSecret });
  } catch (error) {
    // A configuration the app refuses too (three of four variables, a malformed value) is
    // logged, not fatal: the developer tools still open and can make a store.
    console.error("[portone sandbox] cannot provision the app's PortOne store:", error);
  }
}

/**
 * The request as seen under the mount. A PortOne-signed API call rewritten here from the app's
 * origin (next.config.ts) may arrive with the URL the client sent (/payments/…); it is the same
 * call at the sandbox's root.
 */
function underMount(request: Request): Request {
  const url = new URL(request.url);
  if (url.pathname === BASE_PATH || url.pathname.startsWith(`${BASE_PATH}/`)) return request;
  url.pathname = `${BASE_PATH}${url.pathname}`;
  return new Request(url, request);
}

const handle = sandboxRoute({
  basePath: BASE_PATH,
  tools: PORTONE_TOOLS,
  available: portoneSandboxAvailable,
  handler: handlePortOneSandbox,
  prepare: async (request) => {
    await provisionAppStore();
    return underMount(request);
  },
});

export { handle as DELETE, handle as GET, handle as POST, handle as PUT };
