// {APP_URL}/sandbox/portone/** : the built-in api.portone.io sandbox (lib/sandbox/portone), the
// default PortOne host in sandbox mode. With the app pointed at the real api.portone.io it does
// not exist: a live deployment must never answer as PortOne. On first use it provisions the
// store the environment describes (PORTONE_STORE_ID, PORTONE_API_SECRET, PORTONE_CHANNEL_KEY,
// PORTONE_WEBHOOK_SECRET), so the app works against it with zero setup.
import { db } from "@/lib/db/client";
import { PORTONE_TOOLS } from "@/lib/sandbox/portone/api-error";
import { portoneSandboxAvailable } from "@/lib/sandbox/portone/availability";
import { handlePortOneSandbox } from "@/lib/sandbox/portone/handler";
import { ensurePortOneStore, storeConfigFromEnv } from "@/lib/sandbox/portone/stores";
import { sandboxToolsAuthorizer } from "../../authorize-sandbox-tools";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/portone";
const authorizeTools = sandboxToolsAuthorizer(PORTONE_TOOLS);

async function handle(request: Request): Promise<Response> {
  if (!portoneSandboxAvailable()) return new Response("Not Found", { status: 404 });
  const store = storeConfigFromEnv();
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
