// The providers' HTTP exchange (lib/payments/provider-exchange.ts) against a scripted server:
// what a charge's caller gets when the provider answers, stalls, redirects, floods or hangs up.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exchange, FREE_SOCKET_IDLE_MS } from "@/lib/payments/provider-exchange";

let server: Server;
let base: string;
let connections = 0;
const received: { method: string; body: string; contentType: string | undefined }[] = [];

const routes: Record<string, (req: IncomingMessage, res: ServerResponse) => void> = {
  "/ok": (_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ code: 0, msg: "승인" }));
  },
  "/stall-body": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"code":0,');
    // …and nothing more.
  },
  "/slow": (_req, res) => {
    // Longer than an idle socket may live: the call in progress must not be cut by it.
    setTimeout(() => res.end('{"code":0}'), FREE_SOCKET_IDLE_MS + 500);
  },
  "/redirect": (_req, res) => {
    res.writeHead(302, { location: "https://elsewhere.example/steal" });
    res.end();
  },
  "/flood-chunked": (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write("x".repeat(600));
    res.end("x".repeat(600));
  },
  "/flood-declared": (_req, res) => {
    res.writeHead(200, { "content-length": "5000" });
    res.end("y".repeat(5000));
  },
  "/hang-up": (req, res) => {
    res.writeHead(200, { "content-length": "100" });
    res.write("z".repeat(10));
    setTimeout(() => req.socket.destroy(), 20);
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        method: req.method ?? "",
        body: Buffer.concat(chunks).toString("utf8"),
        contentType: req.headers["content-type"],
      });
      routes[req.url ?? ""]?.(req, res);
    });
  });
  server.on("connection", () => (connections += 1));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const post = (path: string, timeoutMs = 2_000, maxResponseBytes = 1_000) =>
  exchange(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ amount: 9_900, productDesc: "베이직 정기결제" }),
    timeoutMs,
    maxResponseBytes,
  });

describe("exchange", () => {
  it("sends the body and returns the status and text, reusing one connection", async () => {
    const before = connections;
    expect(await post("/ok")).toEqual({ status: 200, text: '{"code":0,"msg":"승인"}' });
    expect(await post("/ok")).toEqual({ status: 200, text: '{"code":0,"msg":"승인"}' });
    expect(connections - before).toBe(1);
    expect(received.at(-1)).toEqual({
      method: "POST",
      body: '{"amount":9900,"productDesc":"베이직 정기결제"}',
      contentType: "application/json; charset=utf-8",
    });
  });

  it("times out a body that stops arriving, as a TimeoutError", async () => {
    const started = Date.now();
    const error = await post("/stall-body", 300).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses to follow a redirect", async () => {
    await expect(post("/redirect")).rejects.toThrow(/redirect refused: HTTP 302/);
  });

  it("gives up on a body over the limit, declared or not", async () => {
    expect(await post("/flood-chunked")).toEqual({ status: 200, text: null });
    expect(await post("/flood-declared")).toEqual({ status: 200, text: null });
  });

  it("fails, not as a timeout, when the server hangs up mid-answer", async () => {
    const error = await post("/hang-up").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).not.toBe("TimeoutError");
  });

  it("keeps a slow answer, and does not reuse a socket idle longer than the server may keep it", async () => {
    expect(await post("/slow", FREE_SOCKET_IDLE_MS + 5_000)).toEqual({
      status: 200,
      text: '{"code":0}',
    });
    await post("/ok");
    const before = connections;
    await new Promise((resolve) => setTimeout(resolve, FREE_SOCKET_IDLE_MS + 300));
    await post("/ok");
    expect(connections - before).toBe(1);
  }, 20_000);

  it("fails at once when nothing listens", async () => {
    const error = await exchange("http://127.0.0.1:1/none", {
      method: "GET",
      headers: {},
      timeoutMs: 2_000,
      maxResponseBytes: 1_000,
    }).catch((e: unknown) => e);
    expect((error as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });
});
