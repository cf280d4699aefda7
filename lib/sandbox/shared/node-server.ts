import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Database } from "@/lib/db/client";
import { type CallbackOriginsSource, setCallbackOrigins } from "./callback-origins";
import { shouldResetConnection } from "./faults";
import { type ToolsBrand, refuseTools } from "./tools-refusal";

// Serves a sandbox handler on node:http: `npm run sandbox` (benchmarks, crash tests) and the
// tests, which talk to it over real HTTP. A "lost response" fault really resets the connection.

/** One sandbox as the server sees it: its handler, its tools' refusals, its runtime's stop. */
export type NodeSandbox = {
  name: string;
  brand: ToolsBrand;
  handle: (
    request: Request,
    options: {
      basePath: string;
      db: Database;
      now?: (() => Date) | undefined;
      authorizeTools: (request: Request) => Response | null;
    },
  ) => Promise<Response>;
  stop: (db: Database) => Promise<void>;
};

const MAX_BODY_BYTES = 1024 * 1024;

export type SandboxServer = { url: string; port: number; close: () => Promise<void> };

const LOOPBACK_HOSTNAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith("::ffff:") ? address.slice("::ffff:".length) : address;
  return v4 === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/**
 * The standalone sandbox has no users to ask, so its developer tools (every billing key in
 * full, fault switches) answer only a client on this machine: the connection must come from a
 * loopback address, and the Host header must name a loopback host too, so a web page that
 * rebinds its own domain to 127.0.0.1 (DNS rebinding) cannot read them through the browser.
 * This holds whatever --host the server binds: on 0.0.0.0 the API and the app screens are
 * reachable from the network, the tools still only from this machine.
 */
export function loopbackOnlyTools(req: IncomingMessage, brand: ToolsBrand) {
  return (request: Request): Response | null => {
    const hostname = new URL(request.url).hostname;
    if (isLoopbackAddress(req.socket.remoteAddress) && LOOPBACK_HOSTNAMES.has(hostname)) {
      return null;
    }
    return refuseTools(brand, request, 403, {
      reason: "샌드박스 개발 도구는 이 컴퓨터(127.0.0.1)에서만 열려요.",
    });
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function toHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach((v) => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

export type SandboxServerOptions = {
  db: Database;
  port?: number;
  host?: string;
  basePath?: string;
  now?: (() => Date) | undefined;
  /**
   * Origins the sandbox may send callbacks and webhooks to, and redirect browsers to
   * (callback-origins.ts); a function is read on every check. Default: the app's own origin,
   * APP_URL.
   */
  callbackOrigins?: readonly string[] | CallbackOriginsSource;
};

export async function startNodeSandbox(
  sandbox: NodeSandbox,
  options: SandboxServerOptions,
): Promise<SandboxServer> {
  const host = options.host ?? "127.0.0.1";
  const origins = options.callbackOrigins;
  if (origins)
    setCallbackOrigins(options.db, typeof origins === "function" ? origins : () => origins);

  async function serve(req: IncomingMessage, res: ServerResponse) {
    // Aborted when the client hangs up before the answer is complete (timeouts, slow charges).
    const controller = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    const origin = `http://${req.headers.host ?? `${host}:${(server.address() as AddressInfo).port}`}`;
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const body = hasBody ? await readBody(req) : undefined;
    const request = new Request(new URL(req.url ?? "/", origin), {
      method: req.method ?? "GET",
      headers: toHeaders(req),
      body: body ? new Uint8Array(body) : undefined,
      signal: controller.signal,
    });
    const response = await sandbox.handle(request, {
      basePath: options.basePath ?? "",
      db: options.db,
      now: options.now,
      authorizeTools: loopbackOnlyTools(req, sandbox.brand),
    });
    if (shouldResetConnection(response)) {
      req.socket.resetAndDestroy();
      return;
    }
    if (res.destroyed) return;
    res.statusCode = response.status;
    response.headers.forEach((value, name) => res.setHeader(name, value));
    res.end(Buffer.from(await response.arrayBuffer()));
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error(`[${sandbox.name} sandbox] request failed:`, error);
      if (!res.headersSent && !res.destroyed) {
        res.statusCode = 500;
        res.end();
      }
    });
  });
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}${options.basePath ?? ""}`,
    port,
    close: async () => {
      // Passes in flight finish first: they may be posting to a receiver that is still open.
      await sandbox.stop(options.db);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The `start…SandboxServer(options)` a sandbox exports for its tests and `npm run sandbox`. */
export function nodeSandboxServer(
  sandbox: NodeSandbox,
): (options: SandboxServerOptions) => Promise<SandboxServer> {
  return (options) => startNodeSandbox(sandbox, options);
}
