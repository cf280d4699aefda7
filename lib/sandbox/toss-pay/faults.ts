import { type SandboxContext, sleep } from "./context";
import { jsonResponse } from "./api-error";

// The fault switches (settings.ts), applied to the six API endpoints only, never to the app
// screens or the developer pages. One roll of the seeded dice per request picks at most one:
//   [0, errorRate)                      → 500 COMMON_SYSTEM_ERROR, nothing done
//   [.., + timeoutRate)                 → nothing done, no answer until the client gives up
//   [.., + lostResponseRate)            → the request IS processed, then the answer is lost
// Latency is added to every API answer before anything else.

// A hung request is answered after this long at the latest, so no connection is held forever
// by a client that never hangs up.
const MAX_HANG_MS = 120_000;

const resetConnections = new WeakSet<Response>();

/**
 * True for a response that stands for a lost answer. The standalone server resets the
 * connection instead of sending it; where that is impossible (Next), the 502 page is sent, as
 * a proxy in front of a dead upstream would.
 */
export function shouldResetConnection(response: Response): boolean {
  return resetConnections.has(response);
}

function lostResponse(): Response {
  const response = new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
    status: 502,
    headers: { "content-type": "text/html" },
  });
  resetConnections.add(response);
  return response;
}

export async function withFaults(
  ctx: SandboxContext,
  run: () => Promise<Response>,
): Promise<Response> {
  const settings = await ctx.runtime.settings();
  if (settings.latencyMs > 0) await sleep(settings.latencyMs, ctx.signal);

  const { errorRate, timeoutRate, lostResponseRate } = settings;
  if (errorRate + timeoutRate + lostResponseRate === 0) return run();
  const roll = ctx.runtime.random();
  if (roll < errorRate) {
    return jsonResponse(
      {
        code: -1,
        errorCode: "COMMON_SYSTEM_ERROR",
        msg: "일시적인 오류가 발생했습니다. (샌드박스 장애 주입)",
      },
      500,
    );
  }
  if (roll < errorRate + timeoutRate) {
    await sleep(MAX_HANG_MS, ctx.signal);
    return new Response("Gateway Timeout", { status: 504 });
  }
  const response = await run();
  if (roll < errorRate + timeoutRate + lostResponseRate) {
    await response.body?.cancel();
    return lostResponse();
  }
  return response;
}
