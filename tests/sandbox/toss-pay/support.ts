// Shared by the sandbox's tests: the sandbox on a real node:http server against the test file's
// own database, a merchant key per test, a callback receiver, and the app screen's forms.
import { randomBytes } from "node:crypto";
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { db } from "@/lib/db/client";
import { type SandboxServer, startSandboxServer } from "@/lib/sandbox/toss-pay/node-server";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type Sandbox = {
  base: string;
  server: SandboxServer;
  post: (path: string, body: unknown) => Promise<{ status: number; body: Json }>;
  get: (path: string) => Promise<Response>;
};

const servers: SandboxServer[] = [];

// The sandbox delivers callbacks only to allowed origins (callback-origins.ts). Here: the dead
// port createBody points at (nothing listens on 9, "discard") and every receiver started.
const callbackOrigins = ["http://localhost:9"];

/** Lets a test's sandbox deliver to one more origin (e.g. the docs' example site). */
export function allowCallbackOrigin(origin: string): void {
  callbackOrigins.push(new URL(origin).origin);
}
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

/** Starts the sandbox on port 0, mounted at `basePath` like the app mounts it. */
export async function startSandbox(
  options: { basePath?: string; now?: () => Date } = {},
): Promise<Sandbox> {
  const server = await startSandboxServer({
    db: db(),
    port: 0,
    basePath: options.basePath ?? "/sandbox/toss-pay",
    now: options.now,
    callbackOrigins: () => callbackOrigins,
  });
  servers.push(server);
  const base = server.url;
  return {
    base,
    server,
    async post(path, body) {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Json };
    },
    get: (path) => fetch(`${base}${path}`, { redirect: "manual" }),
  };
}

/** A merchant of its own for each test, so tests never see each other's orders. */
export function newApiKey(): string {
  return `sk_test_${randomBytes(8).toString("hex")}`;
}

export function uniqueId(prefix: string): string {
  return `${prefix}-${randomBytes(5).toString("hex")}`;
}

export type Receiver = {
  url: string;
  received: { body: Json; contentType: string | undefined }[];
  close: () => Promise<void>;
};

/** A merchant callback endpoint answering with the given statuses in turn (then the last). */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json,
        contentType: req.headers["content-type"],
      });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  callbackOrigins.push(`http://localhost:${port}`);
  return {
    url: `http://localhost:${port}/callback`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export async function waitFor<T>(
  probe: () => T | Promise<T>,
  options: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor: timed out");
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 25));
  }
}

export function createBody(apiKey: string, overrides: Json = {}): Json {
  return {
    apiKey,
    userId: uniqueId("user"),
    productDesc: "프리미엄 구독 (월간)",
    resultCallback: "http://localhost:9/callback",
    returnSuccessUrl: "http://localhost:3000/billing/toss-pay/success",
    returnFailureUrl: "http://localhost:3000/billing/toss-pay/fail",
    ...overrides,
  };
}

export function tokenOf(checkoutUri: unknown): string {
  return new URL(String(checkoutUri)).searchParams.get("token") ?? "";
}

/** Posts the app screen's form the way the browser does (urlencoded, no redirect follow). */
export function submitCheckout(
  sandbox: Sandbox,
  action: "approve" | "cancel",
  fields: Record<string, string>,
): Promise<Response> {
  return fetch(`${sandbox.base}/payfront/billing/${action}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** Creates a billing key and approves it on the app screen with `instrument`. */
export async function activeKey(
  sandbox: Sandbox,
  apiKey: string,
  instrument = "card:4:normal",
  overrides: Json = {},
): Promise<{ billingKey: string; userId: string }> {
  const body = createBody(apiKey, overrides);
  const created = await sandbox.post("/api/v1/billing-key", body);
  const [method, code, behavior] = instrument.split(":");
  const approved = await submitCheckout(sandbox, "approve", {
    token: tokenOf(created.body.checkoutUri as string),
    method: `${method}:${code}`,
    behavior: behavior ?? "normal",
  });
  if (approved.status !== 303) throw new Error(`approve answered ${approved.status}`);
  return { billingKey: created.body.billingKey as string, userId: body.userId as string };
}

export function billBody(apiKey: string, billingKey: unknown, overrides: Json = {}): Json {
  return {
    apiKey,
    billingKey,
    orderNo: uniqueId("order"),
    productDesc: "프리미엄 구독 1월",
    amount: 9_900,
    amountTaxFree: 0,
    ...overrides,
  };
}
