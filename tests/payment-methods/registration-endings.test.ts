// The checkout links of a registration carry the billing key (the sandbox's carry a token, but
// Toss's own links are the key's capability), so a registration that ends, any way it ends,
// must not keep them: activated, cancelled in the Toss app, expired (the sweeper), removed.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { paymentMethods } from "@/lib/db/schema";
import { cancelRegistration } from "@/lib/payment-methods/cancel-registration";
import { getRegistrationStatus } from "@/lib/payment-methods/registration-status";
import { removeMethod } from "@/lib/payment-methods/remove-method";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import {
  sweepPendingRegistrations,
  syncRegistration,
} from "@/lib/payment-methods/sync-registration";
import {
  checkoutToken,
  createCustomer,
  startHarness,
  waitFor,
  type Harness,
} from "./support/app-harness";
import { appLinkOf } from "./support/app-link";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

let n = 0;
async function pendingMethod() {
  const user = await createCustomer(`ending${++n}-${Date.now()}@example.com`);
  const method = await startRegistration({
    provider: "toss_pay",
    userId: user.id,
    amount: 9_900,
    productDescription: "결제수단 등록",
  });
  expect(appLinkOf(method)).toMatch(/^http/);
  return { user, method };
}

async function methodRow(id: string) {
  const [row] = await db().select().from(paymentMethods).where(eq(paymentMethods.id, id));
  if (!row) throw new Error("method missing");
  return row;
}

describe("checkout links at rest", () => {
  it("are cleared when the registration is activated, and stay cleared when the method is removed", async () => {
    const { user, method } = await pendingMethod();
    const approved = await harness.sandboxPost("/payfront/billing/approve", {
      token: checkoutToken(appLinkOf(method)),
      instrument: "card:4:normal",
    });
    expect([200, 302, 303]).toContain(approved.status);
    const active = await waitFor(async () => {
      const row = await methodRow(method.id);
      return row.status === "active" ? row : null;
    });
    expect(active.checkoutLinks).toBeNull();

    await removeMethod({ userId: user.id, methodId: method.id, actor: `customer:${user.id}` });
    expect(await methodRow(method.id)).toMatchObject({ status: "removed", checkoutLinks: null });
  });

  it("are cleared when the customer cancels in the Toss app", async () => {
    const { method } = await pendingMethod();
    const cancelled = await harness.sandboxPost("/payfront/billing/cancel", {
      token: checkoutToken(appLinkOf(method)),
    });
    expect([200, 302, 303]).toContain(cancelled.status);
    expect((await syncRegistration(method.id, { inline: true })).state).toBe("failed");
    expect(await methodRow(method.id)).toMatchObject({
      status: "failed",
      failureCode: "BILLING_KEY_CANCEL",
      checkoutLinks: null,
    });
  });

  it("are cleared when the sweeper expires a registration the customer never approved", async () => {
    const { method } = await pendingMethod();
    const later = new Date(method.registrationExpiresAt!.getTime() + 10 * 60_000);
    const swept = await sweepPendingRegistrations({ now: later });
    expect(swept.failed).toBeGreaterThanOrEqual(1);
    expect(await methodRow(method.id)).toMatchObject({
      status: "failed",
      failureCode: "EXPIRED",
      checkoutLinks: null,
    });
  });
});

describe("등록 취소 on the waiting page", () => {
  async function keyStatusAtToss(providerCustomerId: string) {
    const res = await harness.sandboxPost("/api/v1/billing-key/status", {
      apiKey: "sk_test_w5lNQylNqa5lNQe013Nq",
      userId: providerCustomerId,
    });
    return res.body.status;
  }

  it("ends the registration here and removes the pending key at Toss, so a later approval links nothing", async () => {
    const { user, method } = await pendingMethod();
    expect(await cancelRegistration(user.id, method.id)).toEqual({ kind: "cancelled" });

    expect(await methodRow(method.id)).toMatchObject({
      status: "failed",
      failureCode: "CUSTOMER_CANCELED",
      checkoutLinks: null,
    });
    expect(await keyStatusAtToss(method.providerCustomerId)).toBe("REMOVE");
    expect((await getRegistrationStatus(user.id, method.id))?.state).toBe("cancelled");

    // The customer approves in the Toss app anyway: Toss refuses, and nothing is linked here.
    const approved = await harness.sandboxPost("/payfront/billing/approve", {
      token: checkoutToken(appLinkOf(method)),
      instrument: "card:4:normal",
    });
    expect(approved.status).toBe(409);
    expect((await syncRegistration(method.id, { inline: true })).state).toBe("failed");
    expect((await methodRow(method.id)).status).toBe("failed");
  });

  it("keeps an approval that landed before the click, and says so", async () => {
    const { user, method } = await pendingMethod();
    await harness.sandboxPost("/payfront/billing/approve", {
      token: checkoutToken(appLinkOf(method)),
      instrument: "card:4:normal",
    });
    expect(await cancelRegistration(user.id, method.id)).toEqual({ kind: "already_active" });
    expect((await methodRow(method.id)).status).toBe("active");
    expect(await keyStatusAtToss(method.providerCustomerId)).toBe("ACTIVE");
  });

  it("is refused for another customer's registration", async () => {
    const { method } = await pendingMethod();
    const stranger = await createCustomer(`stranger${++n}-${Date.now()}@example.com`);
    expect(await cancelRegistration(stranger.id, method.id)).toEqual({ kind: "not_found" });
    expect((await methodRow(method.id)).status).toBe("pending");
  });
});
