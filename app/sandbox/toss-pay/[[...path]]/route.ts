// {APP_URL}/sandbox/toss-pay/** : the built-in pay.toss.im sandbox (lib/sandbox/toss-pay), the
// default Toss Pay host in sandbox mode. With a live key configured it does not exist: a live
// deployment must never answer as Toss.
import { requireAdminApi } from "@/lib/auth/guards";
import { signInPath } from "@/lib/auth/callback-url";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { tossPayMode } from "@/lib/payments/toss-pay/config";
import { handleTossPaySandbox } from "@/lib/sandbox/toss-pay/handler";
import { refuseTools } from "@/lib/sandbox/toss-pay/tools-refusal";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/toss-pay";

/**
 * The developer tools list every billing key in full and switch faults for every customer: on
 * anything but a developer's own machine (`next dev`) — a public demo store, the e2e build,
 * a preview deployment — only a signed-in admin may use them.
 */
async function authorizeTools(request: Request): Promise<Response | null> {
  if (getEnv().NODE_ENV === "development") return null;
  const admin = await requireAdminApi();
  if (!(admin instanceof Response)) return null;
  await admin.body?.cancel();
  const url = new URL(request.url);
  return refuseTools(request, admin.status === 401 ? 401 : 403, {
    signInUrl: signInPath(`${url.pathname}${url.search}`),
  });
}

async function handle(request: Request): Promise<Response> {
  if (tossPayMode() !== "sandbox") return new Response("Not Found", { status: 404 });
  return handleTossPaySandbox(request, {
    basePath: BASE_PATH,
    db: db(),
    authorizeTools,
    // Set by proxy.ts for this request; the checkout screen's countdown script needs it.
    nonce: request.headers.get("x-nonce") ?? undefined,
  });
}

export { handle as GET, handle as POST, handle as PUT };
