// {APP_URL}/sandbox/toss-payments/** : the built-in api.tosspayments.com sandbox
// (lib/sandbox/toss-payments), the default Toss Payments host in sandbox mode. With a live key
// configured it does not exist: a live deployment must never answer as Toss Payments.
import { db } from "@/lib/db/client";
import { TOSS_PAYMENTS_TOOLS } from "@/lib/sandbox/toss-payments/api-error";
import { tossPaymentsSandboxAvailable } from "@/lib/sandbox/toss-payments/availability";
import { handleTossPaymentsSandbox } from "@/lib/sandbox/toss-payments/handler";
import { sandboxToolsAuthorizer } from "../../authorize-sandbox-tools";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const BASE_PATH = "/sandbox/toss-payments";
const authorizeTools = sandboxToolsAuthorizer(TOSS_PAYMENTS_TOOLS);

async function handle(request: Request): Promise<Response> {
  if (!tossPaymentsSandboxAvailable()) return new Response("Not Found", { status: 404 });
  return handleTossPaymentsSandbox(request, {
    basePath: BASE_PATH,
    db: db(),
    authorizeTools,
    nonce: request.headers.get("x-nonce") ?? undefined,
  });
}

export { handle as DELETE, handle as GET, handle as POST, handle as PUT };
