// Issue 8 §1: the sandbox's developer tools ({base}/_sandbox/**: every billing key in full, the
// ledger, fault switches, key removal) need an admin session whenever the app is not in local
// development, while Toss's API and the emulated app screens stay open. The standalone
// `npm run sandbox` has no sign-in: its tools answer only a client on this machine.
import { networkInterfaces } from "node:os";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { billingKeys } from "@/lib/sandbox/toss-pay/schema";
import { loadSettings } from "@/lib/sandbox/toss-pay/settings";
import { startSandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { stopSandboxRuntime } from "@/lib/sandbox/toss-pay/runtime";
import { createBody, newApiKey, tokenOf } from "./support";
import { fakeSession as session } from "@/tests/support/fake-session";

// The sandbox calls back only the app's own origin: APP_URL when mounted, and the standalone
// server's default --callback-origin (http://localhost:3000).
const APP_CALLBACK = "http://localhost:3000/api/payments/toss-pay/callback";

vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
// The signed-in user is whoever session.userId names (tests/support/fake-session.ts).
vi.mock("@/lib/auth/read-session", () => import("@/tests/support/fake-session"));

const ORIGIN = "http://localhost:3000";
const BASE = `${ORIGIN}/sandbox/toss-pay`;
const ids = { admin: "", customer: "" };
let billingKey = "";
const apiKey = newApiKey();

async function route() {
  return import("@/app/sandbox/toss-pay/[[...path]]/route");
}

type Call = { name: string; method: "GET" | "POST" | "PUT"; path: string; body?: unknown };

function tools(): Call[] {
  return [
    { name: "home", method: "GET", path: "/_sandbox" },
    { name: "keys", method: "GET", path: "/_sandbox/keys" },
    { name: "keys as JSON", method: "GET", path: "/_sandbox/keys?format=json" },
    {
      name: "create a key",
      method: "POST",
      path: "/_sandbox/keys",
      body: { apiKey, userId: "tools-user-2" },
    },
    {
      name: "change method",
      method: "POST",
      path: "/_sandbox/keys/change-method",
      body: { billingKey, method: "card:4" },
    },
    { name: "remove", method: "POST", path: "/_sandbox/keys/remove", body: { billingKey } },
    { name: "ledger", method: "GET", path: "/_sandbox/ledger?format=json" },
    { name: "callbacks", method: "GET", path: "/_sandbox/callbacks" },
    { name: "settings", method: "GET", path: "/_sandbox/settings" },
    { name: "settings PUT", method: "PUT", path: "/_sandbox/settings", body: { errorRate: 1 } },
    { name: "settings POST", method: "POST", path: "/_sandbox/settings", body: { errorRate: 1 } },
  ];
}

function requestOf(call: Call, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${call.path}`, {
    method: call.method,
    headers: {
      ...(call.body ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body: call.body ? JSON.stringify(call.body) : undefined,
  });
}

async function send(call: Call, headers: Record<string, string> = {}): Promise<Response> {
  const { GET, POST, PUT } = await route();
  const handler = { GET, POST, PUT }[call.method];
  return handler(requestOf(call, headers));
}

beforeAll(async () => {
  // forbidden() and the sandbox mode: no Toss Pay key here, so the route serves the sandbox.
  const [admin, customer] = await db()
    .insert(users)
    .values([
      { email: "tools-admin@example.com", role: "admin", emailVerified: new Date() },
      { email: "tools-customer@example.com", role: "customer", emailVerified: new Date() },
    ])
    .returning();
  ids.admin = admin!.id;
  ids.customer = customer!.id;

  // An ACTIVE key in the sandbox, made through the open API and app screen, as a customer would.
  session.userId = null;
  const { POST } = await route();
  const created = (await (
    await POST(
      new Request(`${BASE}/api/v1/billing-key`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(
          createBody(apiKey, { userId: "tools-user", resultCallback: APP_CALLBACK }),
        ),
      }),
    )
  ).json()) as { checkoutUri: string };
  const approved = await POST(
    new Request(`${BASE}/payfront/billing/approve`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        token: tokenOf(created.checkoutUri),
        method: "card:4",
        behavior: "normal",
      }),
    }),
  );
  expect(approved.status).toBeLessThan(400);
  const [key] = await db().select().from(billingKeys).where(eq(billingKeys.apiKey, apiKey));
  expect(key?.status).toBe("ACTIVE");
  billingKey = key!.billingKey;
});

afterAll(async () => {
  await stopSandboxRuntime(db());
});

describe("the sandbox mounted in the app (not in local development)", () => {
  it("answers 401 to an anonymous caller on every developer tool, and changes nothing", async () => {
    session.userId = null;
    for (const call of tools()) {
      const response = await send(call);
      expect(response.status, call.name).toBe(401);
      const body = (await response.json()) as { errorCode: string; msg: string };
      expect(body.errorCode, call.name).toBe("SANDBOX_TOOLS_UNAUTHENTICATED");
      expect(JSON.stringify(body)).not.toContain(billingKey);
    }
    const [key] = await db()
      .select()
      .from(billingKeys)
      .where(eq(billingKeys.billingKey, billingKey));
    expect(key?.status).toBe("ACTIVE");
    expect((await loadSettings(db())).errorRate).toBe(0);
  });

  it("sends an anonymous browser to sign in, and back to the tool afterwards", async () => {
    session.userId = null;
    const response = await send(
      { name: "keys", method: "GET", path: "/_sandbox/keys?userId=x" },
      { accept: "text/html,application/xhtml+xml" },
    );
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get("location") ?? "", ORIGIN);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("callbackUrl")).toBe(
      "/sandbox/toss-pay/_sandbox/keys?userId=x",
    );
  });

  it("refuses a signed-in customer with 403 (a Korean page in a browser)", async () => {
    session.userId = ids.customer;
    for (const call of tools()) {
      const response = await send(call);
      expect(response.status, call.name).toBe(403);
      expect(((await response.json()) as { errorCode: string }).errorCode).toBe(
        "SANDBOX_TOOLS_FORBIDDEN",
      );
    }
    const page = await send(
      { name: "home", method: "GET", path: "/_sandbox" },
      { accept: "text/html" },
    );
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("관리자만 쓸 수 있어요");
  });

  it("lets an admin use them", async () => {
    session.userId = ids.admin;
    const keys = await send({ name: "keys", method: "GET", path: "/_sandbox/keys?format=json" });
    expect(keys.status).toBe(200);
    expect(await keys.text()).toContain(billingKey);
    const settings = await send({ name: "settings", method: "GET", path: "/_sandbox/settings" });
    expect(settings.status).toBe(200);
    const home = await send({ name: "home", method: "GET", path: "/_sandbox" });
    expect(home.status).toBe(200);
  });

  it("keeps Toss's API and the app screens open to everyone", async () => {
    session.userId = null;
    const { POST, GET } = await route();
    const created = await POST(
      new Request(`${BASE}/api/v1/billing-key`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(createBody(apiKey, { resultCallback: APP_CALLBACK })),
      }),
    );
    expect(created.status).toBe(200);
    const { checkoutUri } = (await created.json()) as { checkoutUri: string };
    expect((await GET(new Request(checkoutUri))).status).toBe(200);
    const status = await POST(
      new Request(`${BASE}/api/v1/billing-key/status`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ apiKey, userId: "tools-user" }),
      }),
    );
    expect(status.status).toBe(200);
    expect((await GET(new Request(`${BASE}/_assets/pretendard-400.woff2`))).status).toBe(200);
  });
});

describe("the standalone sandbox (npm run sandbox)", () => {
  it("opens its tools to a loopback client", async () => {
    const server = await startSandboxServer({ db: db(), port: 0 });
    try {
      const response = await fetch(`${server.url}/_sandbox/settings`);
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("refuses a page that rebinds its own domain to 127.0.0.1 (a foreign Host header)", async () => {
    const server = await startSandboxServer({ db: db(), port: 0 });
    try {
      const { request } = await import("node:http");
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          `${server.url}/_sandbox/keys?format=json`,
          { headers: { host: `attacker.example:${server.port}` } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end();
      });
      expect(status).toBe(403);
    } finally {
      await server.close();
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && i.family === "IPv4" && !i.internal);
  it.skipIf(!external)(
    "keeps its tools closed to other machines when bound to every interface",
    async () => {
      const server = await startSandboxServer({ db: db(), port: 0, host: "0.0.0.0" });
      try {
        const base = `http://${external!.address}:${server.port}`;
        const tools = await fetch(`${base}/_sandbox/settings`);
        expect(tools.status).toBe(403);
        // The provider API stays reachable (a benchmark on another machine).
        const api = await fetch(`${base}/api/v1/billing-key`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(createBody(newApiKey(), { resultCallback: APP_CALLBACK })),
        });
        expect(api.status).toBe(200);
      } finally {
        await server.close();
      }
    },
  );
});
