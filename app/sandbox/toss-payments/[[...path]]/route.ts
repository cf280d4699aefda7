// {APP_URL}/sandbox/toss-payments/** : the built-in api.tosspayments.com sandbox
// (lib/sandbox/toss-payments), the default Toss Payments host in sandbox mode. With a live key
// configured it does not exist: a live deployment must never answer as Toss Payments.
import { TOSS_PAYMENTS_TOOLS } from "@/lib/sandbox/toss-payments/api-error";
import { tossPaymentsSandboxAvailable } from "@/lib/sandbox/toss-payments/availability";
import { handleTossPaymentsSandbox } from "@/lib/sandbox/toss-payments/handler";
import { sandboxRoute } from "../../sandbox-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handle = sandboxRoute({
  basePath: "/sandbox/toss-payments",
  tools: TOSS_PAYMENTS_TOOLS,
  available: tossPaymentsSandboxAvailable,
  handler: handleTossPaymentsSandbox,
});

export { handle as DELETE, handle as GET, handle as POST, handle as PUT };
