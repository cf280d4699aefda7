// The Next route that mounts the sandbox: with the app's PORTONE_* store provisioned on first
// use (zero setup), the developer tools closed to strangers, and no sandbox at all when the
// app talks to the real api.portone.io.
import { afterAll, afterEach, beforeEach, expect, it, vi } from "vitest";

// Nobody is signed in: the developer tools must refuse (outside `next dev`).
vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
vi.mock("@/lib/auth/read-session", () => ({ currentSessionUser: async () => null }));

const NAMES = [
  "PORTONE_STORE_ID",
  "PORTONE_API_SECRET",
  "PORTONE_CHANNEL_KEY",
  "PORTONE_WEBHOOK_SECRET",
  "PORTONE_BASE_URL",
] as const;
const original = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
// A merchant's own store, pointed at the in-app sandbox (PORTONE_BASE_URL = the app's origin).
const STORE = {
  PORTONE_STORE_ID: "store-2f7c1b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
  PORTONE_API_SECRET: "sandbox-route-test-secret-0123456789",
  PORTONE_CHANNEL_KEY: "channel-key-6a5b4c3d-2e1f-4a0b-8c9d-7e6f5a4b3c2d",
  PORTONE_WEBHOOK_SECRET: `whsec_${Buffer.from("route-test-webhook-secret!").toString("base64")}`,
  PORTONE_BASE_URL: "http://localhost:3000",
};

beforeEach(() => {
  // lib/env.ts caches the environment; a fresh module graph reads it again.
  vi.resetModules();
  Object.assign(process.env, STORE);
});
afterEach(async () => {
  const { db } = await import("@/lib/db/client");
  const { stopSandboxRuntime } = await import("@/lib/sandbox/portone/runtime");
  await stopSandboxRuntime(db());
});
afterAll(() => {
  for (const name of NAMES) {
    if (original[name] === undefined) delete process.env[name];
    else process.env[name] = original[name];
  }
});

const route = () => import("@/app/sandbox/portone/[[...path]]/route");
const lookup = (secret = STORE.PORTONE_API_SECRET) =>
  new Request("http://localhost:3000/sandbox/portone/payments/pay-unknown-1", {
    headers: { authorization: `PortOne ${secret}` },
  });

it("provisions the app's PORTONE_* store on first use and serves the API under /sandbox/portone", async () => {
  const { GET } = await route();
  const answer = await GET(lookup());
  expect(answer.status).toBe(404);
  expect(await answer.json()).toMatchObject({ type: "PAYMENT_NOT_FOUND" });
  const wrong = await GET(lookup("another-secret-entirely"));
  expect(wrong.status).toBe(401);
  const sdk = await GET(new Request("http://localhost:3000/sandbox/portone/browser-sdk.js"));
  expect(await sdk.text()).toContain('"http://localhost:3000/sandbox/portone"');
});

it("answers the API at the app's origin, as next.config.ts's rewrite may hand it over", async () => {
  const { POST } = await route();
  const answer = await POST(
    new Request("http://localhost:3000/payments/pay-rewritten-1/billing-key", {
      method: "POST",
      headers: {
        authorization: `PortOne ${STORE.PORTONE_API_SECRET}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({
        billingKey: "billing-key-unknown",
        orderName: "구독",
        amount: { total: 1000 },
        currency: "KRW",
      }),
    }),
  );
  expect(answer.status).toBe(404);
  expect(await answer.json()).toMatchObject({ type: "BILLING_KEY_NOT_FOUND" });
});

it("provisions the public sandbox store when PORTONE_* are unset (zero setup)", async () => {
  for (const name of NAMES) delete process.env[name];
  const { GET } = await route();
  const { PORTONE_SANDBOX_STORE } = await import("@/lib/payments/portone/config");
  const answer = await GET(lookup(PORTONE_SANDBOX_STORE.apiSecret));
  expect(answer.status).toBe(404);
  expect(await answer.json()).toMatchObject({ type: "PAYMENT_NOT_FOUND" });
});

it("keeps the developer tools for admins, in PortOne's envelope", async () => {
  const { GET } = await route();
  const answer = await GET(new Request("http://localhost:3000/sandbox/portone/_sandbox/ledger"));
  expect(answer.status).toBe(401);
  expect(await answer.json()).toMatchObject({ type: "SANDBOX_TOOLS_UNAUTHENTICATED" });
});

it("does not exist when the app talks to the real api.portone.io", async () => {
  for (const baseUrl of [undefined, "https://api.portone.io"]) {
    vi.resetModules();
    if (baseUrl) process.env.PORTONE_BASE_URL = baseUrl;
    else delete process.env.PORTONE_BASE_URL;
    const { GET } = await route();
    const answer = await GET(lookup());
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe("Not Found");
  }
});

it("does not exist in production unless the merchant opted in", async () => {
  const { portoneSandboxAvailable } = await import("@/lib/sandbox/portone/availability");
  const { parseEnv } = await import("@/lib/env");
  const test = parseEnv({ NODE_ENV: "test" });
  expect(portoneSandboxAvailable({ ...test, PORTONE_BASE_URL: undefined })).toBe(true);
  const production = { ...test, NODE_ENV: "production" as const, PORTONE_BASE_URL: undefined };
  expect(portoneSandboxAvailable({ ...production, ALLOW_SANDBOX_IN_PRODUCTION: false })).toBe(
    false,
  );
  expect(portoneSandboxAvailable({ ...production, ALLOW_SANDBOX_IN_PRODUCTION: true })).toBe(true);
});

it("serves the issuance window under the app's CSP: its one inline script carries the nonce", async () => {
  const { GET, POST } = await route();
  const request = {
    storeId: STORE.PORTONE_STORE_ID,
    channelKey: STORE.PORTONE_CHANNEL_KEY,
    billingKeyMethod: "EASY_PAY",
    customer: { customerId: "customer-route-test" },
  };
  const query = new URLSearchParams({
    request: JSON.stringify(request),
    flow: "popup",
    origin: "http://localhost:3000",
    requestId: "route-test",
  });
  const started = await GET(
    new Request(`http://localhost:3000/sandbox/portone/issuance/start?${query.toString()}`),
  );
  expect(started.status).toBe(303);
  const token = new URL(started.headers.get("location")!).searchParams.get("token")!;
  const approved = await POST(
    new Request("http://localhost:3000/sandbox/portone/issuance/approve", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-nonce": "bm9uY2U=" },
      body: new URLSearchParams({ token, instrument: "card:shinhan" }).toString(),
    }),
  );
  const page = await approved.text();
  expect(page).toContain('<script nonce="bm9uY2U=">');
  expect(page.match(/<script/g)).toHaveLength(1);
  expect(page).toContain("window.opener.postMessage");
  expect(page).toContain('"http://localhost:3000"');
});
