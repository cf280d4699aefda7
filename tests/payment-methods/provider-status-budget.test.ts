// Many customers waiting at once: every waiting page polls its registration's status, and each
// registration may ask Toss every 8 seconds, but the store as a whole asks Toss at most
// PROVIDER_STATUS_CALL_RULE.limit times a second (docs/caching-and-load.md), callbacks included.
// Toss here is a scripted server, so every status call it receives is counted.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encryptBillingKey, fingerprintBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { paymentMethods, users } from "@/lib/db/schema";
import { handleProviderEvent } from "@/lib/payment-methods/handle-provider-event";
import { PROVIDER_STATUS_CALL_RULE } from "@/lib/payment-methods/provider-status-budget";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { startScriptedServer, type ScriptedServer } from "../payments/support/scripted-server";

const KEY_STATUS = "/api/v1/billing-key/status";
let toss: ScriptedServer;
const keys = new Map<string, string>();

beforeAll(async () => {
  toss = await startScriptedServer();
  process.env.TOSS_PAY_BASE_URL = toss.baseUrl;
  // Toss answers "CREATE" (not approved yet) for every key it is asked about.
  toss.on(KEY_STATUS, (request) => {
    const userId = (request.body as { userId: string }).userId;
    return { json: { code: 0, userId, billingKey: keys.get(userId), status: "CREATE" } };
  });
});
afterAll(() => toss.close());

const statusCalls = () => toss.requests.filter((r) => r.path === KEY_STATUS).length;

/** Customers each waiting on their own pending Toss Pay registration. */
async function waitingCustomers(count: number, now: Date) {
  const created = await db()
    .insert(users)
    .values(
      Array.from({ length: count }, () => ({
        email: `wait-${randomBytes(5).toString("hex")}@example.com`,
      })),
    )
    .returning();
  const rows = created.map((user) => {
    const id = randomUUID();
    const billingKey = randomBytes(11).toString("hex");
    const providerCustomerId = `${user.providerCustomerId}_${id.replaceAll("-", "").slice(0, 12)}`;
    keys.set(providerCustomerId, billingKey);
    const { ciphertext, keyVersion } = encryptBillingKey(billingKey, id);
    return {
      id,
      userId: user.id,
      provider: "toss_pay" as const,
      providerCustomerId,
      billingKeyCiphertext: ciphertext,
      billingKeyFingerprint: fingerprintBillingKey(billingKey),
      keyVersion,
      status: "pending" as const,
      registrationExpiresAt: new Date(now.getTime() + 15 * 60_000),
    };
  });
  await db().insert(paymentMethods).values(rows);
  return rows.map((row) => ({ ...row, billingKey: keys.get(row.providerCustomerId)! }));
}

describe("the provider's status budget", () => {
  it("holds 60 customers polling at once to the budget per second, and each sees 'pending'", async () => {
    const t0 = new Date("2031-03-01T00:00:00.000Z");
    const waiting = await waitingCustomers(60, t0);
    const before = statusCalls();

    const poll = (at: Date) =>
      Promise.all(waiting.map((w) => getRegistrationStatus(w.userId, w.id, at)));
    const first = await poll(t0);
    expect(first.every((status) => status?.state === "pending")).toBe(true);
    expect(statusCalls() - before).toBe(PROVIDER_STATUS_CALL_RULE.limit);

    // The same second again: nobody's 8-second interval has passed, so nobody asks.
    await poll(new Date(t0.getTime() + 500));
    expect(statusCalls() - before).toBe(PROVIDER_STATUS_CALL_RULE.limit);

    // Nine seconds on, every registration may ask again; the budget still caps the second.
    const later = await poll(new Date(t0.getTime() + 9_000));
    expect(later.every((status) => status?.state === "pending")).toBe(true);
    expect(statusCalls() - before).toBe(2 * PROVIDER_STATUS_CALL_RULE.limit);
  });

  it("defers a callback's status check once the second's budget is spent, asking nothing", async () => {
    const t0 = new Date("2031-03-02T00:00:00.000Z");
    const waiting = await waitingCustomers(PROVIDER_STATUS_CALL_RULE.limit + 1, t0);
    await Promise.all(waiting.slice(0, -1).map((w) => getRegistrationStatus(w.userId, w.id, t0)));
    const before = statusCalls();
    const last = waiting.at(-1)!;
    const handled = await handleProviderEvent({
      provider: "toss_pay",
      rawBody: JSON.stringify({
        action: "ACTIVATED",
        processedTs: "2031-03-02 09:00:00",
        userId: last.providerCustomerId,
        billingKey: last.billingKey,
      }),
      headers: new Headers(),
      sourceIp: null,
      now: t0,
    });
    expect(handled.outcome).toMatch(/^deferred: provider checks/);
    // Answered 503 (receive-provider-event.ts), so Toss delivers it again: a 200 would make
    // this delivery the last one.
    expect(handled.answer).toBe("retry_later");
    expect(statusCalls()).toBe(before);

    // The next second has a budget again, and the same delivery is checked with Toss.
    const retried = await handleProviderEvent({
      provider: "toss_pay",
      rawBody: JSON.stringify({
        action: "ACTIVATED",
        processedTs: "2031-03-02 09:00:00",
        userId: last.providerCustomerId,
        billingKey: last.billingKey,
      }),
      headers: new Headers(),
      sourceIp: null,
      now: new Date(t0.getTime() + 11_000),
    });
    expect(retried.outcome).not.toMatch(/^deferred/);
    expect(retried.answer).toBeUndefined();
    expect(statusCalls()).toBe(before + 1);
  });
});
