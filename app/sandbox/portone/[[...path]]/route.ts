// {APP_URL}/sandbox/portone/** : the built-in api.portone.io sandbox (lib/sandbox/portone), the
// default PortOne host in sandbox mode. With the app pointed at the real api.portone.io it does
// not exist: a live deployment must never answer as PortOne. On first use it provisions the
// store the app's configuration talks to, so the app works against it with zero setup.
import { db } from "@/lib/db/client";
import { PORTONE_TOOLS } from "@/lib/sandbox/portone/api-error";
import { portoneSandboxAvailable } from "@/lib/sandbox/portone/availability";
import { handlePortOneSandbox } from "@/lib/sandbox/portone/handler";
import { portOneConfig } from "@/lib/payments/portone/config";
import { ensurePortOneStore, type StoreConfig } from "@/lib/sandbox/portone/stores";
import { sandboxToolsAuthorizer } from "../../authorize-sandbox-tools";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/portone";
const authorizeTools = sandboxToolsAuthorizer(PORTONE_TOOLS);

/**
 * The store the app's PortOne configuration talks to: its PORTONE_* variables (with
 * PORTONE_BASE_URL naming this app), or without them the public sandbox store. Null when the
 * configuration cannot run; the provider reports why.
 */
function appStore(): StoreConfig | null {
  try {
    const { storeId, apiSecret, channelKey, webhookSecret } = portOneConfig();
    return { storeId, apiSecret, channelKey, webhookSecret };
  } catch {
    return null;
  }
}

async function handle(request: Request): Promise<Response> {
  if (!portoneSandboxAvailable()) return new Response("Not Found", { status: 404 });
  const store = appStore();
  if (store) {
    try {
      await ensurePortOneStore(db(), store);
    } catch (error) {
      // A malformed value (e.g. a webhook secret without whsec_) is logged, not fatal: the
      // developer tools still open and can make a store.
      console.error("[portone sandbox] cannot provision the store from PORTONE_*:", error);
    }
  }
  return handlePortOneSandbox(request, {
    basePath: BASE_PATH,
    db: db(),
    authorizeTools,
    nonce: request.headers.get("x-nonce") ?? undefined,
  });
}

export { handle as DELETE, handle as GET, handle as POST, handle as PUT };
