// The sandbox runs inside the merchant's own server and POSTs billing-key callbacks from it,
// so where it may send them is the app's own origin only (APP_URL; the standalone server's
// --callback-origin list): checked when a key is registered and again before every delivery.
// What it keeps of a failed delivery is a category, never the network error's text.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getEnv } from "@/lib/env";
import { callbackOriginsFor, parseCallbackOrigin } from "@/lib/sandbox/shared/callback-origins";
import { REFUSED_ORIGIN_ERROR, deliveryFailureCategory } from "@/lib/sandbox/shared/deliveries";
import { processDueCallbacks } from "@/lib/sandbox/toss-pay/callbacks";
import { type SandboxServer, startSandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { billingKeys, callbackDeliveries } from "@/lib/sandbox/toss-pay/schema";
import { freePort } from "@/scripts/support/local-postgres";
import { createBody, newApiKey } from "./support";

// Started without callbackOrigins: the default of the sandbox mounted in the app.
let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({ db: db(), port: 0, basePath: "/sandbox/toss-pay" });
});
afterAll(() => sandbox.close());

async function register(resultCallback: string) {
  const response = await fetch(`${sandbox.url}/api/v1/billing-key`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(createBody(newApiKey(), { resultCallback })),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** An HTTP server counting the requests it gets, answering `status`. */
async function counter(status = 200) {
  let hits = 0;
  const server = createServer((req, res) => {
    hits += 1;
    req.resume();
    req.on("end", () => {
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// Queued rows fall due an hour from now and are delivered with a clock set past that: the
// sandbox server's own delivery timer (real time) never picks them up before the test does.
const DUE_IN_MS = 3_600_000;
const later = () => new Date(Date.now() + 2 * DUE_IN_MS);

/** A key and a pending delivery written straight to the tables, as an old row would be. */
async function queuedDelivery(url: string) {
  const billingKey = randomBytes(11).toString("hex");
  const now = new Date();
  await db()
    .insert(billingKeys)
    .values({
      billingKey,
      apiKey: newApiKey(),
      userId: "old-row-user",
      productDesc: "예전 등록",
      status: "ACTIVE",
      checkoutToken: randomBytes(16).toString("hex"),
      expiresAt: now,
      resultCallback: url,
      createdAt: now,
      updatedAt: now,
    });
  const [row] = await db()
    .insert(callbackDeliveries)
    .values({
      billingKey,
      url,
      payload: { action: "REMOVED", billingKey },
      nextAttemptAt: new Date(now.getTime() + DUE_IN_MS),
      createdAt: now,
    })
    .returning();
  return row!.id;
}

async function delivery(id: string) {
  const [row] = await db().select().from(callbackDeliveries).where(eq(callbackDeliveries.id, id));
  return row!;
}

describe("where resultCallback may point", () => {
  it("is the app's own origin by default", () => {
    expect(callbackOriginsFor(db())).toEqual([new URL(getEnv().APP_URL).origin]);
  });

  it.each([
    ["a database port on the server's loopback", "http://127.0.0.1:5432/"],
    ["another port of localhost", "http://localhost:5432/cb"],
    ["another host", "https://attacker.example/api/payments/toss-pay/callback"],
    ["the app's host over another scheme", "https://localhost:3000/cb"],
    ["a cloud metadata address", "http://169.254.169.254/latest/meta-data/"],
  ])("refuses %s with 400 naming resultCallback", async (_name, url) => {
    const { status, body } = await register(url);
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: -1, errorCode: "COMMON_INVALID_PARAMETER" });
    expect(body.msg).toMatch(/^resultCallback: /);
    expect(body.msg).toContain(new URL(getEnv().APP_URL).origin);
    expect((body.msg as string).length).toBeLessThanOrEqual(120);
    const [row] = await db()
      .select({ n: billingKeys.billingKey })
      .from(billingKeys)
      .where(eq(billingKeys.resultCallback, url));
    expect(row).toBeUndefined();
  });

  it("accepts the app's own callback URL", async () => {
    const { status, body } = await register(`${getEnv().APP_URL}/api/payments/toss-pay/callback`);
    expect(status).toBe(200);
    expect(body.code).toBe(0);
  });

  it("parses the standalone server's --callback-origin values strictly", () => {
    expect(parseCallbackOrigin("http://localhost:3000")).toBe("http://localhost:3000");
    expect(parseCallbackOrigin("https://shop.example/")).toBe("https://shop.example");
    expect(() => parseCallbackOrigin("https://shop.example/api")).toThrow(/no path/);
    expect(() => parseCallbackOrigin("ftp://shop.example")).toThrow(/http/);
    expect(() => parseCallbackOrigin("localhost:3000")).toThrow();
  });
});

describe("delivering", () => {
  it("never fetches a queued callback whose URL is not allowed (an old row)", async () => {
    const target = await counter();
    try {
      const id = await queuedDelivery(`${target.origin}/internal`);
      await processDueCallbacks(db(), {
        retryIntervalMs: 10,
        allowedOrigins: callbackOriginsFor(db()),
        now: later,
      });
      expect(target.hits()).toBe(0);
      expect(await delivery(id)).toMatchObject({
        state: "failed",
        lastStatus: null,
        lastError: REFUSED_ORIGIN_ERROR,
      });

      // The same URL on the allow-list is delivered: the refusal was the rule, not the network.
      const allowed = await queuedDelivery(`${target.origin}/callback`);
      await processDueCallbacks(db(), {
        retryIntervalMs: 10,
        allowedOrigins: [target.origin],
        now: later,
      });
      expect(target.hits()).toBe(1);
      expect(await delivery(allowed)).toMatchObject({ state: "delivered", lastStatus: 200 });
    } finally {
      await target.close();
    }
  });

  it("keeps a failure as a short category, not the network error's text", async () => {
    const down = `http://127.0.0.1:${await freePort()}`;
    const refused = await queuedDelivery(`${down}/callback`);
    const failing = await counter(500);
    const answered500 = await queuedDelivery(`${failing.origin}/callback`);
    try {
      await processDueCallbacks(db(), {
        retryIntervalMs: 60_000,
        allowedOrigins: [down, failing.origin],
        now: later,
      });
    } finally {
      await failing.close();
    }
    expect(await delivery(refused)).toMatchObject({
      state: "pending",
      lastStatus: null,
      lastError: "connection refused",
    });
    expect(await delivery(answered500)).toMatchObject({ lastStatus: 500, lastError: "HTTP 500" });

    expect(deliveryFailureCategory(new DOMException("aborted", "TimeoutError"))).toBe("timeout");
    const dns = Object.assign(new Error("getaddrinfo ENOTFOUND internal.corp"), {
      code: "ENOTFOUND",
    });
    expect(deliveryFailureCategory(new TypeError("fetch failed", { cause: dns }))).toBe(
      "host not found",
    );
    expect(deliveryFailureCategory(new Error("something else"))).toBe("request failed");
  });
});
