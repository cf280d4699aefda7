// The Next route that mounts the sandbox: it answers in sandbox mode and does not exist with a
// live key, so a live deployment can never pose as Toss.
import { afterAll, beforeEach, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { TOSS_PAY_PUBLIC_TEST_KEY } from "@/lib/payments/toss-pay/config";
import { stopSandboxRuntime } from "@/lib/sandbox/toss-pay/runtime";
import { createBody, newApiKey } from "./support";

const original = process.env.TOSS_PAY_API_KEY;
beforeEach(() => {
  // lib/env.ts caches the environment; a fresh module graph reads it again.
  vi.resetModules();
});
afterAll(async () => {
  // The mounted handler started the callback timer of this database's sandbox.
  await stopSandboxRuntime(db());
  if (original === undefined) delete process.env.TOSS_PAY_API_KEY;
  else process.env.TOSS_PAY_API_KEY = original;
});

async function route() {
  return import("@/app/sandbox/toss-pay/[[...path]]/route");
}

function createRequest(): Request {
  return new Request("http://localhost:3000/sandbox/toss-pay/api/v1/billing-key", {
    method: "POST",
    headers: { "content-type": "application/json" },
    // Mounted in the app, the sandbox calls back only to the app's own origin (APP_URL).
    body: JSON.stringify(
      createBody(newApiKey(), {
        resultCallback: "http://localhost:3000/api/payments/toss-pay/callback",
      }),
    ),
  });
}

it("serves the sandbox under /sandbox/toss-pay in sandbox mode, with links on the app's origin", async () => {
  process.env.TOSS_PAY_API_KEY = "sk_test_w5lNQylNqa5lNQe013Nq";
  const { POST, GET } = await route();
  const response = await POST(createRequest());
  expect(response.status).toBe(200);
  const body = (await response.json()) as { code: number; checkoutUri: string };
  expect(body.code).toBe(0);
  expect(body.checkoutUri).toMatch(
    /^http:\/\/localhost:3000\/sandbox\/toss-pay\/payfront\/billing\?token=/,
  );

  const screen = await GET(new Request(body.checkoutUri));
  expect(screen.status).toBe(200);
  expect(await screen.text()).toContain("동의하고 등록");
});

it("does not exist with a live key", async () => {
  process.env.TOSS_PAY_API_KEY = TOSS_PAY_PUBLIC_TEST_KEY.replace("sk_test_", "sk_live_");
  const { POST, GET } = await route();
  expect((await POST(createRequest())).status).toBe(404);
  expect(
    (await GET(new Request("http://localhost:3000/sandbox/toss-pay/_sandbox/ledger"))).status,
  ).toBe(404);
});
