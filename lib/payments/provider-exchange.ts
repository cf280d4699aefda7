import http from "node:http";
import https from "node:https";

// One HTTP exchange with a provider's API (Toss Pay, Toss Payments), on node:http(s) with
// keep-alive connections. Not fetch: Node's fetch (undici behind the WHATWG layer) costs about
// three times the CPU per request (0.50 against 0.16 ms on these machines for a bill-sized
// POST), and the billing run makes one per charge (docs/billing-fan-out.md). What fetch did for
// these clients is kept: one deadline for the whole exchange, redirects refused, no cache.
//
// It throws only for what the network does (refused, reset, timed out, a redirect); the caller
// turns that into an "unreachable" answer. An error named "TimeoutError" means the deadline
// passed, before the status line or while the body was still arriving.

// Sockets are reused across calls; the provider slots (lib/billing/provider-slots.ts) bound how
// many are in flight, so the pool itself is unbounded. An idle socket is closed before the server
// would close it under us (a request written into a closing connection is a charge whose outcome
// is unknown): a second before the timeout the server announces in its Keep-Alive header (Node's
// agent does that), and after FREE_SOCKET_IDLE_MS when it announces none (undici's default). The
// agent's `timeout` only destroys idle sockets; a call in progress is bounded by its own deadline.
export const FREE_SOCKET_IDLE_MS = 4_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true, timeout: FREE_SOCKET_IDLE_MS }),
  "https:": new https.Agent({ keepAlive: true, timeout: FREE_SOCKET_IDLE_MS }),
};

export type ExchangeRequest = {
  method: "GET" | "POST" | "DELETE";
  headers: Record<string, string>;
  body?: string | undefined;
  timeoutMs: number;
  /** A longer body is abandoned: `text` is then null. */
  maxResponseBytes: number;
};

export type ExchangeResponse = { status: number; text: string | null };

function timeoutError(timeoutMs: number): Error {
  const error = new Error(`no complete answer within ${timeoutMs} ms`);
  error.name = "TimeoutError";
  return error;
}

export function exchange(url: string, request: ExchangeRequest): Promise<ExchangeResponse> {
  const target = new URL(url);
  const transport =
    target.protocol === "https:" ? https : target.protocol === "http:" ? http : null;
  if (!transport) return Promise.reject(new Error(`unsupported protocol ${target.protocol}`));
  const body = request.body === undefined ? undefined : Buffer.from(request.body, "utf8");

  return new Promise<ExchangeResponse>((resolve, reject) => {
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const outgoing = transport.request(target, {
      method: request.method,
      agent: agents[target.protocol as keyof typeof agents],
      headers: {
        ...request.headers,
        ...(body ? { "content-length": String(body.byteLength) } : {}),
      },
    });
    const deadline = setTimeout(() => {
      const error = timeoutError(request.timeoutMs);
      finish(() => reject(error));
      outgoing.destroy(error);
    }, request.timeoutMs);

    outgoing.on("error", (error) => finish(() => reject(error)));
    outgoing.on("response", (incoming) => {
      const status = incoming.statusCode ?? 0;
      if (status >= 300 && status < 400) {
        incoming.resume();
        finish(() =>
          reject(
            new Error(`redirect refused: HTTP ${status} to ${incoming.headers.location ?? "?"}`),
          ),
        );
        return;
      }
      const declared = Number(incoming.headers["content-length"] ?? "");
      if (Number.isFinite(declared) && declared > request.maxResponseBytes) {
        incoming.destroy();
        finish(() => resolve({ status, text: null }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      incoming.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size > request.maxResponseBytes) {
          incoming.destroy();
          finish(() => resolve({ status, text: null }));
          return;
        }
        chunks.push(chunk);
      });
      incoming.on("end", () =>
        finish(() => resolve({ status, text: Buffer.concat(chunks).toString("utf8") })),
      );
      // A connection cut while the body arrives.
      incoming.on("error", (error) => finish(() => reject(error)));
      incoming.on("close", () => {
        if (!incoming.complete) {
          finish(() => reject(new Error("the connection closed before the answer was complete")));
        }
      });
    });
    outgoing.end(body);
  });
}
