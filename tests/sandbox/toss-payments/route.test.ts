// The Next route that mounts the sandbox: it answers in sandbox mode and does not exist with a
// live secret key, so a live deployment can never pose as Toss Payments.
import { afterAll, afterEach, beforeEach, expect, it, vi } from "vitest";
import { basicAuth } from "./support";

// Nobody is signed in: the developer tools must refuse (outside `next dev`).
vi.mock("@/lib/auth/index", () => ({
  signIn: async () => undefined,
  signOut: async () => undefined,
  handlers: {},
}));
vi.mock("@/lib/auth/read-session", () => ({ currentSessionUser: async () => null }));

const original = process.env.TOSS_PAYMENTS_SECRET_KEY;
beforeEach(() => {
  // lib/env.ts caches the environment; a fresh module graph reads it again.
  vi.resetModules();
});
afterEach(async () => {
  // The mounted handler started the webhook timer of this module graph's database handle.
  const { db } = await import("@/lib/db/client");
  const { stopSandboxRuntime } = await import("@/lib/sandbox/toss-payments/runtime");
  await stopSandboxRuntime(db());
});
afterAll(() => {
  if (original === undefined) delete process.env.TOSS_PAYMENTS_SECRET_KEY;
  else process.env.TOSS_PAYMENTS_SECRET_KEY = original;
});

const route = () => import("@/app/sandbox/toss-payments/[[...path]]/route");
const lookup = () =>
  new Request("http://localhost:3000/sandbox/toss-payments/v1/payments/orders/order-000001", {
    headers: { authorization: basicAuth("test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R") },
  });

it("serves the API under /sandbox/toss-payments in sandbox mode", async () => {
  process.env.TOSS_PAYMENTS_SECRET_KEY = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";
  const { GET } = await route();
  const response = await GET(lookup());
  expect(response.status).toBe(404);
  expect(await response.json()).toMatchObject({ code: "NOT_FOUND_PAYMENT" });
});

it("keeps the developer tools for admins, in the API's envelope", async () => {
  process.env.TOSS_PAYMENTS_SECRET_KEY = "test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R";
  const { POST } = await route();
  const answer = await POST(
    new Request("http://localhost:3000/sandbox/toss-payments/_sandbox/billing-keys/delete", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ billingKey: "anything=" }),
    }),
  );
  expect(answer.status).toBe(401);
  expect(await answer.json()).toMatchObject({ code: "SANDBOX_TOOLS_UNAUTHENTICATED" });
});

it("does not exist with a live key", async () => {
  for (const key of ["live_sk_zXLkKEypNArWmo50nX3lmeaxYG5R", "live_gsk_docs0000000000000000"]) {
    process.env.TOSS_PAYMENTS_SECRET_KEY = key;
    const { GET, POST } = await route();
    const answer = await GET(lookup());
    expect(answer.status).toBe(404);
    expect(await answer.text()).toBe("Not Found");
    const tools = await POST(
      new Request("http://localhost:3000/sandbox/toss-payments/_sandbox/billing-keys", {
        method: "POST",
      }),
    );
    expect(tools.status).toBe(404);
  }
});

it("does not exist in production unless the merchant opted in to a demo store", async () => {
  const { tossPaymentsSandboxAvailable } = await import("@/lib/sandbox/toss-payments/availability");
  const { sandboxMayRun } = await import("@/lib/sandbox/shared/availability");
  const { parseEnv } = await import("@/lib/env");
  const test = parseEnv({ NODE_ENV: "test" });
  expect(tossPaymentsSandboxAvailable(test)).toBe(true);
  // A live store (its Toss Payments keys unset: it takes Toss Pay only) mounts no sandbox.
  const live = { ...test, NODE_ENV: "production" as const, ALLOW_SANDBOX_IN_PRODUCTION: false };
  expect(sandboxMayRun(live)).toBe(false);
  expect(tossPaymentsSandboxAvailable(live)).toBe(false);
  const demo = { ...live, ALLOW_SANDBOX_IN_PRODUCTION: true };
  expect(tossPaymentsSandboxAvailable(demo)).toBe(true);
});
