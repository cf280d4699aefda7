// Shared by the Toss Payments tests that talk to the sandbox (lib/sandbox/toss-payments) over
// real HTTP: the sandbox on a node:http server mounted like the app mounts it, its developer
// tools, a merchant (test secret key) of its own per test, and what the customer's browser
// does in the billing-auth window.
import { randomBytes } from "node:crypto";
import { expect } from "vitest";
import { db } from "@/lib/db/client";
import { createTossPaymentsProvider } from "@/lib/payments/toss-payments/provider";
import {
  startTossPaymentsSandboxServer,
  type SandboxServer,
} from "@/lib/sandbox/toss-payments/node-server";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export type TossPaymentsSandbox = {
  url: string;
  server: SandboxServer;
  tools: (method: string, path: string, body?: unknown) => Promise<Json>;
};

/** The sandbox at /sandbox/toss-payments; redirects and webhooks only to `origins`. */
export async function startTossPaymentsSandbox(
  origins: () => string[],
): Promise<TossPaymentsSandbox> {
  const server = await startTossPaymentsSandboxServer({
    db: db(),
    port: 0,
    basePath: "/sandbox/toss-payments",
    callbackOrigins: () => origins(),
  });
  const tools = async (method: string, path: string, body?: unknown): Promise<Json> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json", accept: "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as Json) : {};
  };
  return { url: server.url, server, tools };
}

/** A merchant of its own: the sandbox treats every test_sk_ key as one. */
export function sandboxMerchant(sandboxUrl: string, timeoutMs = 5_000) {
  const secretKey = `test_sk_${randomBytes(10).toString("hex")}`;
  const provider = createTossPaymentsProvider({
    secretKey,
    clientKey: `test_ck_${randomBytes(10).toString("hex")}`,
    baseUrl: sandboxUrl,
    scriptUrl: `${sandboxUrl}/v2/standard`,
    mode: "sandbox",
    timeoutMs,
  });
  return { secretKey, provider };
}

/** The SDK's requestBillingAuth for a registration step's launch: the window's token. */
export async function openWindow(sandboxUrl: string, launch: unknown): Promise<string> {
  const [init, payment, request] = (launch as { calls: { args: Json[] }[] }).calls;
  const opened = await fetch(`${sandboxUrl}/billing-auth`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      clientKey: init!.args[0] as unknown as string,
      customerKey: String(payment!.args[0]!.customerKey),
      ...(request!.args[0] as Record<string, string>),
    }),
    redirect: "manual",
  });
  expect(opened.status).toBe(303);
  return new URL(opened.headers.get("location") ?? "").searchParams.get("token") ?? "";
}

/**
 * What the customer does in the window: approve with `answer` (a card or an account), or close
 * it. Returns where the window sends the browser back (successUrl or failUrl with their query).
 */
export async function answerInWindow(
  sandboxUrl: string,
  launch: unknown,
  answer: Record<string, string> | "cancel",
): Promise<URL> {
  const token = await openWindow(sandboxUrl, launch);
  const answered = await fetch(
    `${sandboxUrl}/billing-auth/${answer === "cancel" ? "cancel" : "approve"}`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token, ...(answer === "cancel" ? {} : answer) }),
      redirect: "manual",
    },
  );
  expect(answered.status).toBe(303);
  return new URL(answered.headers.get("location") ?? "");
}
