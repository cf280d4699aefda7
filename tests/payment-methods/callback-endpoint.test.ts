// The Toss Pay callback route under abuse: it is unsigned and public, so a caller can send any
// body as often as they like. Bodies are capped, only the documented fields are kept, copies
// of one event are one row however their processedTs differs, and the status checks at Toss
// they trigger are throttled per payment method (Toss blocks IPs that call too often). Toss
// here is a scripted server, so every status call it receives is counted.
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/payments/[provider]/callback/route";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { paymentMethods, providerEvents, rateLimits, users } from "@/lib/db/schema";
import { handleProviderEvent } from "@/lib/payment-methods/handle-provider-event";
import { PROVIDER_EVENT_RULE } from "@/lib/payment-methods/receive-provider-event";
import { rateLimitKey } from "@/lib/rate-limit/consume-rate-limit";
import { startScriptedServer, type ScriptedServer } from "../payments/support/scripted-server";

const KEY_STATUS = "/api/v1/billing-key/status";
let toss: ScriptedServer;

beforeAll(async () => {
  toss = await startScriptedServer();
  // Before anything reads the environment (getEnv caches it).
  process.env.TOSS_PAY_BASE_URL = toss.baseUrl;
});
afterAll(() => toss.close());

/** A customer's pending registration whose key Toss still reports as CREATE (not approved). */
async function pendingMethod() {
  const [user] = await db()
    .insert(users)
    .values({ email: `cb-${randomBytes(4).toString("hex")}@example.com` })
    .returning();
  const id = randomUUID();
  const billingKey = randomBytes(11).toString("hex");
  const providerCustomerId = `${user!.providerCustomerId}_${id.replaceAll("-", "").slice(0, 12)}`;
  const { ciphertext, keyVersion } = encryptBillingKey(billingKey, id);
  await db()
    .insert(paymentMethods)
    .values({
      id,
      userId: user!.id,
      provider: "toss_pay",
      providerCustomerId,
      billingKeyCiphertext: ciphertext,
      billingKeyFingerprint: fingerprintBillingKey(billingKey),
      keyVersion,
      status: "pending",
      registrationExpiresAt: new Date(Date.now() + 15 * 60_000),
    });
  toss.on(KEY_STATUS, {
    json: { code: 0, userId: providerCustomerId, billingKey, status: "CREATE" },
  });
  return { id, billingKey, providerCustomerId };
}

function callback(body: string | Record<string, unknown>, headers: HeadersInit = {}) {
  return POST(
    new Request("http://app/api/payments/toss-pay/callback", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
    { params: Promise.resolve({ provider: "toss-pay" }) },
  );
}

const statusCalls = () => toss.requests.filter((r) => r.path === KEY_STATUS).length;

describe("the Toss Pay callback route", () => {
  it("answers 404 to a path that names no provider, reading and recording nothing", async () => {
    for (const provider of ["paypal", "toss_pay", "x".repeat(40)]) {
      const response = await POST(
        new Request(`http://app/api/payments/${provider}/callback`, {
          method: "POST",
          body: JSON.stringify({ action: "ACTIVATED", billingKey: "k" }),
        }),
        { params: Promise.resolve({ provider }) },
      );
      expect(response.status).toBe(404);
    }
    expect(await db().select().from(providerEvents)).toHaveLength(0);
    expect(statusCalls()).toBe(0);
  });

  it("answers 413 to a body over 16 KB, with or without a Content-Length, and records nothing", async () => {
    const big = JSON.stringify({ action: "ACTIVATED", billingKey: "k", pad: "x".repeat(17_000) });
    const declared = await callback(big);
    expect(declared.status).toBe(413);

    // Streamed without a length: counted while reading, not trusted from a header.
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 17; i++) controller.enqueue(new Uint8Array(1024).fill(32));
        controller.close();
      },
    });
    const chunked = await POST(
      new Request("http://app/api/payments/toss-pay/callback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: stream,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ provider: "toss-pay" }) },
    );
    expect(chunked.status).toBe(413);

    // A lying Content-Length does not let a larger body through either.
    const lying = await callback(big, { "content-length": "100" });
    expect(lying.status).toBe(413);
    expect(await db().select().from(providerEvents)).toHaveLength(0);

    // 16 KB itself is fine (a real callback is far smaller).
    const atLimit = await callback(" ".repeat(16 * 1024));
    expect(atLimit.status).toBe(200);
  });

  it("answers 429 to an address over its limit, recording nothing, and takes events again next minute", async () => {
    // The counter as 600 events from this address (no trusted proxy header here: one shared
    // counter) would have left it.
    const now = new Date();
    const key = rateLimitKey(PROVIDER_EVENT_RULE, "unknown");
    const full = {
      count: PROVIDER_EVENT_RULE.limit,
      windowStartedAt: now,
      windowEndsAt: new Date(now.getTime() + PROVIDER_EVENT_RULE.windowMs),
    };
    await db()
      .insert(rateLimits)
      .values({ key, ...full })
      .onConflictDoUpdate({ target: rateLimits.key, set: full });
    const before = (await db().select().from(providerEvents)).length;
    const refused = await callback({ action: "ACTIVATED", billingKey: "flood", userId: "x" });
    expect(refused.status).toBe(429);
    expect(await db().select().from(providerEvents)).toHaveLength(before);

    await db().delete(rateLimits).where(eq(rateLimits.key, key));
    const accepted = await callback({ action: "ACTIVATED", billingKey: "flood", userId: "x" });
    expect(accepted.status).toBe(200);
  });

  it("keeps only the documented callback fields, without the billing key", async () => {
    const method = await pendingMethod();
    const response = await callback({
      action: "ACTIVATED",
      processedTs: "2026-12-01 10:00:00",
      userId: method.providerCustomerId,
      billingKey: method.billingKey,
      payMethod: "CARD",
      cardNumber: "4330-28**-****-123*",
      stash: "x".repeat(5_000),
      nested: { deep: ["anything", { at: "all" }] },
    });
    expect(response.status).toBe(200);
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.dedupeKey, `ACTIVATED:${fingerprintBillingKey(method.billingKey)}`));
    expect(row?.payload).toEqual({
      action: "ACTIVATED",
      processedTs: "2026-12-01 10:00:00",
      userId: method.providerCustomerId,
      payMethod: "CARD",
      cardNumber: "4330-28**-****-123*",
    });
  });

  it("turns 50 copies of a forged callback into one event and at most one status call at Toss", async () => {
    const method = await pendingMethod();
    const before = statusCalls();
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        callback({
          action: "ACTIVATED",
          // Each copy claims another time, as a forger would to look new.
          processedTs: `2026-12-01 10:${String(Math.floor(i / 60)).padStart(2, "0")}:${String(i % 60).padStart(2, "0")}`,
          userId: method.providerCustomerId,
          billingKey: method.billingKey,
        }),
      ),
    );
    expect(responses.every((r) => r.status === 200)).toBe(true);

    const rows = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.dedupeKey, `ACTIVATED:${fingerprintBillingKey(method.billingKey)}`));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveries).toBe(50);
    expect(statusCalls() - before).toBeLessThanOrEqual(1);
    expect(statusCalls() - before).toBe(1);
    // Toss still says CREATE, so the event is not final: unprocessed, for a later delivery.
    expect(rows[0]!.processedAt).toBeNull();
    expect(rows[0]!.outcome).toMatch(/^(deferred: |not activated: )/);
    expect(
      (await db().select().from(paymentMethods).where(eq(paymentMethods.id, method.id)))[0],
    ).toMatchObject({ status: "pending" });

    // A delivery after the 10-second window is handled again: one more status call.
    await handleProviderEvent({
      provider: "toss_pay",
      rawBody: JSON.stringify({
        action: "ACTIVATED",
        processedTs: "2026-12-01 10:03:00",
        userId: method.providerCustomerId,
        billingKey: method.billingKey,
      }),
      headers: new Headers(),
      sourceIp: null,
      now: new Date(Date.now() + 11_000),
    });
    expect(statusCalls() - before).toBe(2);
  });

  it("logs a throttled event as deferred and leaves it unprocessed", async () => {
    const method = await pendingMethod();
    const body = (action: string) =>
      JSON.stringify({ action, userId: method.providerCustomerId, billingKey: method.billingKey });
    const at = new Date();
    const deliver = (action: string) =>
      handleProviderEvent({
        provider: "toss_pay",
        rawBody: body(action),
        headers: new Headers(),
        sourceIp: null,
        now: at,
      });
    const first = await deliver("ACTIVATED");
    expect(first.outcome).toMatch(/^not activated: provider reports pending/);
    // The same event again within 10 seconds (Toss still says CREATE, so it was not final):
    // no second call at Toss.
    const before = statusCalls();
    const second = await deliver("ACTIVATED");
    expect(second.outcome).toMatch(/^deferred: /);
    expect(statusCalls()).toBe(before);
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.dedupeKey, `ACTIVATED:${fingerprintBillingKey(method.billingKey)}`));
    expect(row).toMatchObject({ processedAt: null, deliveries: 2 });
    expect(row!.outcome).toMatch(/^deferred: /);
  });

  it("allows at most 20 status checks an hour per payment method", async () => {
    const method = await pendingMethod();
    const before = statusCalls();
    const t0 = Date.now();
    // One delivery every 11 seconds for 40 minutes: each clears the 10-second window.
    for (let i = 0; i < 220; i += 1) {
      await handleProviderEvent({
        provider: "toss_pay",
        rawBody: JSON.stringify({
          action: "ACTIVATED",
          userId: method.providerCustomerId,
          billingKey: method.billingKey,
        }),
        headers: new Headers(),
        sourceIp: null,
        now: new Date(t0 + i * 11_000),
      });
    }
    expect(statusCalls() - before).toBe(20);
  });

  it("settles an event for a key that is not ours at once: copies cost no status call", async () => {
    const before = statusCalls();
    for (let i = 0; i < 5; i++) {
      await callback({
        action: "ACTIVATED",
        processedTs: `2026-12-01 11:00:0${i}`,
        userId: "someone",
        billingKey: "forged-key-0001",
      });
    }
    expect(statusCalls()).toBe(before);
    const [row] = await db()
      .select()
      .from(providerEvents)
      .where(eq(providerEvents.dedupeKey, `ACTIVATED:${fingerprintBillingKey("forged-key-0001")}`));
    expect(row).toMatchObject({ deliveries: 5 });
    expect(row!.processedAt).not.toBeNull();
  });
});
