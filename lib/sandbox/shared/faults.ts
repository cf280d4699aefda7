import type { RuntimeSettings, SandboxRuntime } from "./runtime";
import { sleep } from "./sleep";

// The fault switches (each sandbox's settings.ts), applied to a provider's API endpoints only,
// never to its screens or the developer pages. One roll of the seeded dice per request picks
// at most one:
//   [0, errorRate)                      → the provider's 5xx answer, nothing done
//   [.., + timeoutRate)                 → nothing done, no answer until the client gives up
//   [.., + lostResponseRate)            → the request IS processed, then the answer is lost
// Latency is added to every API answer before anything else.

/** The switches every sandbox has (rates are 0..1 and sum to at most 1). */
export type FaultSettings = {
  latencyMs: number;
  errorRate: number;
  timeoutRate: number;
  lostResponseRate: number;
  seed: number | null;
};

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
  ctx: { runtime: SandboxRuntime<RuntimeSettings>; signal: AbortSignal },
  /** The provider's own "internal error" answer, in its envelope. */
  serverError: () => Response,
  run: () => Promise<Response>,
): Promise<Response> {
  const leave = ctx.runtime.inFlight.enter();
  try {
    return await answerWithFaults(ctx, serverError, run);
  } finally {
    leave();
  }
}

async function answerWithFaults(
  ctx: { runtime: SandboxRuntime<RuntimeSettings>; signal: AbortSignal },
  serverError: () => Response,
  run: () => Promise<Response>,
): Promise<Response> {
  const settings = await ctx.runtime.settings();
  if (settings.latencyMs > 0) await sleep(settings.latencyMs, ctx.signal);

  const { errorRate, timeoutRate, lostResponseRate } = settings;
  if (errorRate + timeoutRate + lostResponseRate === 0) return run();
  const roll = ctx.runtime.random();
  if (roll < errorRate) return serverError();
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
