// The route handler every sandbox mounted in the app shares (app/sandbox/*/[[...path]]).
import { db } from "@/lib/db/client";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import type { SandboxHostOptions } from "@/lib/sandbox/shared/context";
import type { ToolsBrand } from "@/lib/sandbox/shared/tools-refusal";
import { sandboxToolsAuthorizer } from "./authorize-sandbox-tools";

/**
 * Serves one sandbox at `basePath`. Where it may not run (a live key, production without the
 * merchant's opt-in) it answers a plain 404: a live deployment must never answer as a
 * provider. Otherwise the sandbox gets the app's database, tools only an admin may use outside
 * `next dev`, and this request's CSP nonce (set by proxy.ts; the screens' inline scripts need it).
 */
export function sandboxRoute(mount: {
  basePath: string;
  tools: ToolsBrand;
  available: () => boolean;
  handler: (request: Request, options: SandboxHostOptions) => Promise<Response>;
  // Runs once the sandbox is available, before it handles the request.
  prepare?: (request: Request) => Promise<Request>;
}): (request: Request) => Promise<Response> {
  const authorizeTools = sandboxToolsAuthorizer(mount.tools);
  return async function handle(incoming) {
    if (!mount.available()) return new Response("Not Found", { status: 404 });
    const request = mount.prepare ? await mount.prepare(incoming) : incoming;
    return mount.handler(request, {
      basePath: mount.basePath,
      db: db(),
      authorizeTools,
      nonce: request.headers.get("x-nonce") ?? undefined,
      // The provider's screens name the merchant the customer is paying.
      merchantName: (await getMerchantSettings()).businessName,
    });
  };
}
