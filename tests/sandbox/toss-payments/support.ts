// Shared by the Toss Payments sandbox's tests: the sandbox on a real node:http server against
// the test file's own database, a merchant (secret key) per test, a webhook receiver, and
// helpers that speak the API the way a merchant's server does (Basic auth with a colon).
import { randomBytes, randomUUID } from "node:crypto";
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";
import { db } from "@/lib/db/client";
import {
  type SandboxServer,
  startTossPaymentsSandboxServer,
} from "@/lib/sandbox/toss-payments/node-server";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const BASE_PATH = "/sandbox/toss-payments";
// The app these tests pretend to be: success/fail URLs and webhooks go to allowed origins only.
export const APP_ORIGIN = "http://localhost:3000";
const allowedOrigins = [APP_ORIGIN];

const servers: SandboxServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

export type Answer = { status: number; body: Json | null; headers: Headers };

export type Sandbox = {
  base: string;
  api: (
    method: string,
    path: string,
    options?: { secretKey?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Answer>;
  tools: (method: string, path: string, body?: unknown) => Promise<Answer>;
  /** Browser-style request: form body, no redirect following. */
  form: (path: string, fields: Record<string, string>) => Promise<Response>;
  get: (path: string) => Promise<Response>;
};

export function basicAuth(secretKey: string): string {
  return `Basic ${Buffer.from(`${secretKey}:`).toString("base64")}`;
}

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Json) : null,
    headers: response.headers,
  };
}

export async function startSandbox(options: { now?: () => Date } = {}): Promise<Sandbox> {
  const server = await startTossPaymentsSandboxServer({
    db: db(),
    port: 0,
    basePath: BASE_PATH,
    now: options.now,
    callbackOrigins: () => allowedOrigins,
  });
  servers.push(server);
  const base = server.url;
  return {
    base,
    async api(method, path, { secretKey, body, headers = {} } = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(secretKey ? { authorization: basicAuth(secretKey) } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        body:
          body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
      return answerOf(response);
    },
    async tools(method, path, body) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return answerOf(response);
    },
    form: (path, fields) =>
      fetch(`${base}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(fields).toString(),
        redirect: "manual",
      }),
    get: (path) => fetch(`${base}${path}`, { redirect: "manual" }),
  };
}

/** A merchant of its own for each test, so tests never see each other's orders. */
export const newSecretKey = () => `test_sk_${randomBytes(12).toString("hex")}`;
export const newCustomerKey = () => randomUUID();
export const newOrderId = () => `order-${randomBytes(6).toString("hex")}`;

/** A billing key made directly by the developer tools (the window has its own tests). */
export async function toolsKey(
  sandbox: Sandbox,
  secretKey: string,
  instrument = "card:41:4330123412341234",
): Promise<{ billingKey: string; customerKey: string; billing: Json }> {
  const customerKey = newCustomerKey();
  const created = await sandbox.tools("POST", "/_sandbox/billing-keys", {
    secretKey,
    customerKey,
    instrument,
  });
  if (created.status !== 200) throw new Error(`tools key: ${created.status}`);
  return { billingKey: created.body!.billingKey as string, customerKey, billing: created.body! };
}

export function chargeBody(customerKey: string, overrides: Json = {}): Json {
  return {
    customerKey,
    amount: 9_900,
    orderId: newOrderId(),
    orderName: "프리미엄 구독 1월",
    customerEmail: "customer@example.com",
    customerName: "김토스",
    taxFreeAmount: 0,
    ...overrides,
  };
}

export const billingPath = (billingKey: string) => `/v1/billing/${encodeURIComponent(billingKey)}`;

export type Receiver = {
  url: string;
  received: { body: Json; headers: IncomingMessage["headers"] }[];
  close: () => Promise<void>;
};

/** A webhook endpoint answering with the given statuses in turn (then the last). */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({
        body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json,
        headers: req.headers,
      });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  allowedOrigins.push(`http://localhost:${port}`);
  return {
    url: `http://localhost:${port}/api/payments/toss-payments/webhook`,
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
