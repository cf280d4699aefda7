// {APP_URL}/sandbox/toss-pay/** : the built-in pay.toss.im sandbox (lib/sandbox/toss-pay), the
// default Toss Pay host in sandbox mode. With a live key configured it does not exist: a live
// deployment must never answer as Toss. Nor in production unless the merchant opted in.
import { db } from "@/lib/db/client";
import { tossPayMode } from "@/lib/payments/toss-pay/config";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";
import { TOSS_PAY_TOOLS } from "@/lib/sandbox/toss-pay/api-error";
import { handleTossPaySandbox } from "@/lib/sandbox/toss-pay/handler";
import { sandboxToolsAuthorizer } from "../../authorize-sandbox-tools";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/toss-pay";
const authorizeTools = sandboxToolsAuthorizer(TOSS_PAY_TOOLS);

async function handle(request: Request): Promise<Response> {
  if (tossPayMode() !== "sandbox" || !sandboxMayRun()) {
    return new Response("Not Found", { status: 404 });
  }
  return handleTossPaySandbox(request, {
    basePath: BASE_PATH,
    db: db(),
    authorizeTools,
    // Set by proxy.ts for this request; the checkout screen's countdown script needs it.
    nonce: request.headers.get("x-nonce") ?? undefined,
  });
}

export { handle as GET, handle as POST, handle as PUT };
