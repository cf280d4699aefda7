// Shared by the PortOne sandbox's tests: the sandbox on a real node:http server at the root of
// its origin (like api.portone.io, so the official SDK's absolute paths resolve), against the
// test file's own database; a store per test; a webhook receiver that keeps raw bodies.
import { randomBytes, randomUUID } from "node:crypto";
import { type IncomingMessage, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { PortOneClient } from "@portone/server-sdk";
import { afterAll } from "vitest";
import { db } from "@/lib/db/client";
import { type SandboxServer, startPortOneSandboxServer } from "@/lib/sandbox/portone/node-server";
import { provisionPortOneStore, randomStoreConfig } from "@/lib/sandbox/portone/stores";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// The app these tests pretend to be: redirects and webhooks go to allowed origins only.
export const APP_ORIGIN = "http://localhost:3000";
const allowedOrigins = [APP_ORIGIN];

const servers: SandboxServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

export type Answer = { status: number; body: Json | null; headers: Headers };

async function answerOf(response: Response): Promise<Answer> {
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Json) : null,
    headers: response.headers,
  };
}

export type Store = {
  storeId: string;
  apiSecret: string;
  channelKey: string;
  webhookSecret: string;
};

export type Sandbox = {
  base: string;
  newStore: () => Promise<Store>;
  client: (store: Store) => ReturnType<typeof PortOneClient>;
  api: (
    method: string,
    path: string,
    options?: { secret?: string; body?: unknown },
  ) => Promise<Answer>;
  tools: (method: string, path: string, body?: unknown) => Promise<Answer>;
  form: (path: string, fields: Record<string, string>) => Promise<Response>;
  get: (path: string) => Promise<Response>;
};

export async function startSandbox(): Promise<Sandbox> {
  const server = await startPortOneSandboxServer({
    db: db(),
    port: 0,
    callbackOrigins: () => allowedOrigins,
  });
  servers.push(server);
  const base = server.url;
  return {
    base,
    newStore: () => provisionPortOneStore(db(), randomStoreConfig("테스트 상점")),
    client: (store) => PortOneClient({ secret: store.apiSecret, baseUrl: base }),
    async api(method, path, { secret, body } = {}) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(secret ? { authorization: `PortOne ${secret}` } : {}),
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
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

export const newCustomerId = () => `customer-${randomUUID()}`;
export const newPaymentId = () => `pay-${randomBytes(8).toString("hex")}`;

/** A billing key made directly by the developer tools (the window has its own tests). */
export async function toolsKey(
  sandbox: Sandbox,
  store: Store,
  options: { instrument?: string; noticeUrls?: string[] } = {},
): Promise<{ billingKey: string; customerId: string }> {
  const customerId = newCustomerId();
  const created = await sandbox.tools("POST", "/_sandbox/billing-keys", {
    storeId: store.storeId,
    customerId,
    ...options,
  });
  if (created.status !== 200)
    throw new Error(`tools key: ${created.status} ${JSON.stringify(created.body)}`);
  return { billingKey: created.body!.billingKey as string, customerId };
}

export function payInput(billingKey: string, overrides: Json = {}) {
  return {
    billingKey,
    orderName: "프리미엄 구독 1월",
    amount: { total: 9_900 },
    currency: "KRW" as const,
    ...overrides,
  };
}

export type Receiver = {
  url: string;
  received: { raw: string; body: Json; headers: IncomingMessage["headers"] }[];
  close: () => Promise<void>;
};

/** A webhook endpoint answering with the given statuses in turn (then the last). */
export async function startReceiver(statuses: number[] = [200]): Promise<Receiver> {
  const received: Receiver["received"] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      received.push({ raw, body: JSON.parse(raw) as Json, headers: req.headers });
      res.statusCode = statuses[Math.min(received.length - 1, statuses.length - 1)] ?? 200;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  allowedOrigins.push(`http://localhost:${port}`);
  return {
    url: `http://localhost:${port}/api/payments/portone/webhook`,
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
