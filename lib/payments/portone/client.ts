import { PortOneClient, RestError } from "@portone/server-sdk";
import type { Unreachable } from "../http-answer";
import { describeNetworkError } from "../http-answer";

// PortOne's REST API through its official server SDK (@portone/server-sdk, docs/providers.md
// §3.6), turned into answers that never throw: ok, a documented error ({ type, message,
// pgCode?, pgMessage? }), or unreachable. Raw SDK shapes stay inside lib/payments/portone/.

/** [unconfirmed] PortOne documents no maximum latency for a billing-key charge (§3.7). 30 s,
 * like Toss Payments: a timeout is `unknown` and GET /payments/{paymentId} settles it. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export type PortOneAnswer<T> =
  | { kind: "ok"; body: T }
  | {
      kind: "error";
      type: string; // UPPER_SNAKE, e.g. ALREADY_PAID, PG_PROVIDER
      message: string | null;
      pgCode: string | null;
      pgMessage: string | null;
      raw: unknown;
    }
  | Unreachable;

export type PortOneSdk = ReturnType<typeof PortOneClient>;

export type PortOneClientOptions = {
  apiSecret: string;
  storeId: string;
  apiOrigin: string;
  timeoutMs?: number | undefined;
};

/**
 * The SDK's client and a runner that gives every call a deadline. The SDK calls fetch without
 * an AbortSignal and offers no timeout (§3.6), so the deadline races the call: a late answer is
 * dropped, and the caller reads the timeout as "unknown" (never as a failure).
 */
export function createPortOneClient(options: PortOneClientOptions) {
  const sdk = PortOneClient({
    secret: options.apiSecret,
    baseUrl: options.apiOrigin,
    storeId: options.storeId,
  });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    sdk,
    run: <T>(call: (sdk: PortOneSdk) => Promise<T>) => withDeadline(timeoutMs, () => call(sdk)),
  };
}

export type PortOneApi = ReturnType<typeof createPortOneClient>;

async function withDeadline<T>(
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<PortOneAnswer<T>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const settled = await Promise.race([
      call().then(
        (body) => ({ ok: true as const, body }),
        (error: unknown) => ({ ok: false as const, error }),
      ),
      deadline,
    ]);
    if (settled === "timeout") {
      return {
        kind: "unreachable",
        reason: "timeout",
        httpStatus: null,
        detail: `no answer within ${timeoutMs} ms`,
        raw: null,
      };
    }
    return settled.ok ? { kind: "ok", body: settled.body } : answerOfError(settled.error);
  } finally {
    clearTimeout(timer);
  }
}

function text(value: unknown, max: number): string | null {
  return typeof value === "string" && value.length > 0 ? value.slice(0, max) : null;
}

/** What the SDK threw, as an answer. */
function answerOfError(error: unknown): PortOneAnswer<never> {
  if (error instanceof RestError) {
    // The SDK throws the error body it parsed: { type, message?, pgCode?, pgMessage? } (§3.4).
    const data = (error as RestError & { data: unknown }).data as Record<string, unknown>;
    const type = text(data?.type, 100);
    if (type && /^[A-Z0-9_]+$/.test(type)) {
      return {
        kind: "error",
        type,
        message: text(data.message, 500),
        pgCode: text(data.pgCode, 100),
        pgMessage: text(data.pgMessage, 500),
        raw: data,
      };
    }
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: null,
      detail: "error body without a PortOne error type",
      raw: data ?? null,
    };
  }
  // An error status whose body is not JSON (a proxy's 502 page) or a success that is not JSON.
  if (error instanceof SyntaxError) {
    return {
      kind: "unreachable",
      reason: "invalid_response",
      httpStatus: null,
      detail: `the answer is not JSON (${error.message})`,
      raw: null,
    };
  }
  // fetch failed: refused, reset, DNS. The request may or may not have reached PortOne.
  return {
    kind: "unreachable",
    reason: "network",
    httpStatus: null,
    detail: describeNetworkError(error),
    raw: null,
  };
}
