// The Next route that mounts the sandbox: with the app's PORTONE_* store provisioned on first
// use (zero setup), the developer tools closed to strangers, and no sandbox at all when the
// app talks to the real api.portone.io.
import { afterAll, afterEach, beforeEach, expect, it, vi } from "vitest";

// Nobody is signed in: the developer tools must refuse (outside `next dev`).
vi.mock("@/lib/auth/index", () => ({
  auth: async () => null,
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));

const NAMES = [
  "PORTONE_STORE_ID",
  "PORTONE_API_SECRET",
  "PORTONE_CHANNEL_KEY",
  "PORTONE_WEBHOOK_SECRET",
  "PORTONE_BASE_URL",
] as const;
const original = Object.fromEntries(NAMES.map((n) => [n, process.env[n]]));
const STORE = {
  PORTONE_STORE_ID: "store-2f7c1b8e-1d2a-4c3b-9e8f-0a1b2c3d4e5f",
  PORTONE_API_SECRET: "sandbox-route-test-secret-0123456789",
  PORTONE_CHANNEL_KEY: "channel-key-6a5b4c3d-2e1f-4a0b-8c9d-7e6f5a4b3c2d",
  PORTONE_WEBHOOK_SECRET: `whsec_${Buffer.from("route-test-webhook-secret!").toString("base64")}`,
};

beforeEach(() => {
  vi.resetModules();
  Object.assign(process.env, STORE);
  // With its variables set, PortOne is the real one unless the base URL names another origin:
  // here the app's own, where the in-app sandbox answers (lib/payments/portone/config.ts).
  process.env.PORTONE_BASE_URL = "http://localhost:3000";
});
afterEach(async () => {
  const { db } = await import("@/lib/db/client");
  const { stopSandboxRuntime } = await import("@/lib/sandbox/portone/runtime");
  stopSandboxRuntime(db());
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

it("provisions the PORTONE_* store on first use and serves the API under /sandbox/portone", async () => {
  const { GET } = await route();
  const answer = await GET(lookup());
  expect(answer.status).toBe(404);
  expect(await answer.json()).toMatchObject({ type: "PAYMENT_NOT_FOUND" });
  const wrong = await GET(lookup("another-secret-entirely"));
  expect(wrong.status).toBe(401);
  const sdk = await GET(new Request("http://localhost:3000/sandbox/portone/browser-sdk.js"));
  expect(await sdk.text()).toContain('"http://localhost:3000/sandbox/portone"');
});

it("keeps the developer tools for admins, in PortOne's envelope", async () => {
  const { GET } = await route();
  const answer = await GET(new Request("http://localhost:3000/sandbox/portone/_sandbox/ledger"));
  expect(answer.status).toBe(401);
  expect(await answer.json()).toMatchObject({ type: "SANDBOX_TOOLS_UNAUTHENTICATED" });
});

it("does not exist when the app talks to the real api.portone.io", async () => {
  process.env.PORTONE_BASE_URL = "https://api.portone.io";
  const { GET } = await route();
  const answer = await GET(lookup());
  expect(answer.status).toBe(404);
  expect(await answer.text()).toBe("Not Found");
});

it("does not exist in production unless the merchant opted in", async () => {
  const { portoneSandboxAvailable } = await import("@/lib/sandbox/portone/availability");
  const { parseEnv } = await import("@/lib/env");
  const production = {
    NODE_ENV: "production",
    DATABASE_URL: "postgres://app:secret@db.example.com:5432/storefront",
    AUTH_SECRET: "a".repeat(32),
    BILLING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
    CRON_SECRET: "c".repeat(32),
    APP_URL: "https://shop.example.com",
  };
  const demo = { ...production, ALLOW_SANDBOX_IN_PRODUCTION: "true" };
  expect(portoneSandboxAvailable(parseEnv({ NODE_ENV: "test" }))).toBe(true);
  expect(
    portoneSandboxAvailable(
      parseEnv({ ...production, TOSS_PAY_API_KEY: ["sk", "live", "x".repeat(20)].join("_") }),
    ),
  ).toBe(false);
  expect(portoneSandboxAvailable(parseEnv(demo))).toBe(true);
  // A store configured against the real PortOne never has the sandbox, whatever else is set.
  expect(
    portoneSandboxAvailable(
      parseEnv({ NODE_ENV: "test", PORTONE_BASE_URL: "https://api.portone.io/" }),
    ),
  ).toBe(false);
});
