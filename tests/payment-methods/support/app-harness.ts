// The storefront's payment-method flow over real HTTP: the Toss Pay sandbox on one node:http
// server, and on another the app's own callback route handler (the same module Next serves),
// so the sandbox's resultCallback really travels over the network to our code. The callback
// endpoint can be told to fail, to simulate our server being down.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { chargeAttempts, plans, users, type NewPlan } from "@/lib/db/schema";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { freePort } from "@/scripts/support/local-postgres";
import { appLinkOf } from "./app-link";

export type Harness = {
  appUrl: string;
  sandboxUrl: string;
  /** Answer the next `n` callback deliveries with 500 before passing them to the app. */
  failNextCallbacks: (n: number) => void;
  callbackDeliveries: () => number;
  sandboxPost: (
    path: string,
    body: unknown,
  ) => Promise<{ status: number; body: Record<string, unknown> }>;
  close: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Starts both servers and points the app's configuration at them. Call before anything reads
 * the environment (getEnv caches on first use).
 */
export async function startHarness(): Promise<Harness> {
  let failures = 0;
  let deliveries = 0;
  // The route's follow-ups (the first charge, removing a replaced key) run inline here, after
  // the test may already have seen what it waited for; close() waits for them so nothing
  // queries a database the file is about to drop.
  const handling = new Set<Promise<void>>();
  const app = createServer((req, res) => {
    const handled = (async () => {
      const body = await readBody(req);
      if (req.method === "POST" && req.url === "/api/payments/toss-pay/callback") {
        deliveries += 1;
        if (failures > 0) {
          failures -= 1;
          res.statusCode = 500;
          res.end("down");
          return;
        }
        const { POST } = await import("@/app/api/payments/[provider]/callback/route");
        const headers = new Headers({ "content-type": req.headers["content-type"] ?? "" });
        const response = await POST(
          new Request(`http://app${req.url}`, { method: "POST", headers, body }),
          { params: Promise.resolve({ provider: "toss-pay" }) },
        );
        res.statusCode = response.status;
        res.end(await response.text());
        return;
      }
      res.statusCode = 404;
      res.end();
    })().catch((error: unknown) => {
      console.error(error);
      if (res.headersSent || res.destroyed) return;
      res.statusCode = 500;
      res.end();
    });
    handling.add(handled);
    void handled.finally(() => handling.delete(handled));
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  const appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;

  // The configuration must be in place before anything reads it (getEnv caches), so the
  // sandbox's port is chosen first.
  const sandboxPort = await freePort();
  process.env.APP_URL = appUrl;
  process.env.TOSS_PAY_BASE_URL = `http://127.0.0.1:${sandboxPort}`;
  const sandbox: SandboxServer = await startSandboxServer({
    db: db(),
    port: sandboxPort,
    basePath: "",
  });

  // Deliver callbacks quickly and retry every 200 ms instead of Toss's 3 minutes.
  const settings = await fetch(`${sandbox.url}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ callbackRetryIntervalMs: 200 }),
  });
  if (!settings.ok)
    throw new Error(`sandbox settings: ${settings.status} ${await settings.text()}`);

  const harness: Harness = {
    appUrl,
    sandboxUrl: sandbox.url,
    failNextCallbacks: (n) => {
      failures = n;
    },
    callbackDeliveries: () => deliveries,
    sandboxPost: async (path, body) => {
      const response = await fetch(`${sandbox.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        redirect: "manual",
      });
      const text = await response.text();
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(text) as Record<string, unknown>;
      } catch {
        parsed = { text };
      }
      return { status: response.status, body: parsed };
    },
    close: async () => {
      // The sandbox first (its delivery passes in flight end), then what they started here.
      await sandbox.close();
      await Promise.all(handling);
      app.closeAllConnections();
      await new Promise<void>((resolve) => app.close(() => resolve()));
    },
  };
  return harness;
}

export async function createCustomer(email: string) {
  const [user] = await db().insert(users).values({ email, name: "테스트 고객" }).returning();
  if (!user) throw new Error("user insert failed");
  return user;
}

export async function createPlan(overrides: Partial<NewPlan> = {}) {
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `plan-${Math.random().toString(36).slice(2, 8)}`,
      name: "베이직",
      amount: 9_900,
      interval: "month",
      intervalCount: 1,
      ...overrides,
    })
    .returning();
  if (!plan) throw new Error("plan insert failed");
  return plan;
}

export async function findUser(id: string) {
  const [user] = await db().select().from(users).where(eq(users.id, id));
  return user;
}

/** The sandbox's app-screen token from a checkout link. */
export function checkoutToken(link: string): string {
  const token = new URL(link).searchParams.get("token");
  if (!token) throw new Error(`no token in ${link}`);
  return token;
}

export async function waitFor<T>(
  probe: () => Promise<T | null | undefined | false>,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("waitFor timed out");
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

/** Switches the sandbox's faults through its settings API ({base}/_sandbox/settings). */
export async function setSandboxFaults(
  harness: Harness,
  settings: { lostResponseRate?: number; latencyMs?: number },
) {
  const response = await fetch(`${harness.sandboxUrl}/_sandbox/settings`, {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(settings),
  });
  if (!response.ok) throw new Error(`sandbox settings answered ${response.status}`);
}

export async function createAdmin() {
  const [admin] = await db()
    .insert(users)
    .values({ email: `admin-${Date.now()}@example.com`, role: "admin", name: "관리자" })
    .returning();
  if (!admin) throw new Error("admin insert failed");
  return admin;
}

let customers = 0;

/**
 * A customer who subscribed to a plan of `amount`, approved in the sandbox's Toss app and was
 * charged by our own billing code: their succeeded first charge attempt.
 */
export async function chargedCustomer(harness: Harness, amount = 9_900) {
  const plan = await createPlan({ amount });
  const user = await createCustomer(`charged${++customers}-${Date.now()}@example.com`);
  const { subscriptionId, method } = await startCheckout({
    provider: "toss_pay",
    userId: user.id,
    planSlug: plan.slug,
  });
  const approved = await harness.sandboxPost("/payfront/billing/approve", {
    token: checkoutToken(appLinkOf(method)),
    instrument: "card:4:normal",
  });
  if (![200, 302, 303].includes(approved.status)) {
    throw new Error(`sandbox approval answered ${approved.status}`);
  }
  return waitFor(async () => {
    const [attempt] = await db()
      .select()
      .from(chargeAttempts)
      .where(
        and(
          eq(chargeAttempts.subscriptionId, subscriptionId),
          eq(chargeAttempts.status, "succeeded"),
        ),
      );
    return attempt;
  });
}
