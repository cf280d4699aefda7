// {APP_URL}/sandbox/toss-pay/** : the built-in pay.toss.im sandbox (lib/sandbox/toss-pay), the
// default Toss Pay host in sandbox mode. With a live key configured it does not exist: a live
// deployment must never answer as Toss. Nor in production unless the merchant opted in.
import { tossPayMode } from "@/lib/payments/toss-pay/config";
import { sandboxMayRun } from "@/lib/sandbox/shared/availability";
import { TOSS_PAY_TOOLS } from "@/lib/sandbox/toss-pay/api-error";
import { handleTossPaySandbox } from "@/lib/sandbox/toss-pay/handler";
import { sandboxRoute } from "../../sandbox-route";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

const handle = sandboxRoute({
  basePath: "/sandbox/toss-pay",
  tools: TOSS_PAY_TOOLS,
  available: () => tossPayMode() === "sandbox" && sandboxMayRun(),
  handler: handleTossPaySandbox,
});

export { handle as GET, handle as POST, handle as PUT };
