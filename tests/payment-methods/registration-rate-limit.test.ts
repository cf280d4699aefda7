// A customer can start only so many registrations (each one creates a billing key at Toss):
// five in ten minutes, twenty a day. A refused start says so in Korean and creates nothing,
// neither at the provider nor here.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { paymentMethods } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { startRegistration } from "@/lib/payment-methods/start-registration";
import { startCheckout } from "@/lib/subscriptions/start-checkout";
import { createCustomer, createPlan, startHarness, type Harness } from "./support/app-harness";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

async function keysAtSandbox(providerCustomerId: string): Promise<number> {
  const [row] = await db().execute<{ n: number }>(sql`
    select count(*)::int as n from sandbox_toss_pay.billing_keys
    where user_id like ${`${providerCustomerId}_%`}`);
  return row?.n ?? -1;
}

async function methodsOf(userId: string) {
  return db().select().from(paymentMethods).where(eq(paymentMethods.userId, userId));
}

const start = (userId: string, now: Date) =>
  startRegistration({
    provider: "toss_pay",
    userId,
    amount: 9_900,
    productDescription: "결제수단 변경",
    now,
  });

describe("registration starts per customer", () => {
  it("allows five in ten minutes, then refuses in Korean without creating anything", async () => {
    const user = await createCustomer(`burst-${Date.now()}@example.com`);
    const t0 = new Date();
    for (let i = 0; i < 5; i++) await start(user.id, new Date(t0.getTime() + i * 1_000));

    const refused = await start(user.id, new Date(t0.getTime() + 6_000)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).userMessage).toMatch(/다시 시도해 주세요/);
    expect(await methodsOf(user.id)).toHaveLength(5);
    expect(await keysAtSandbox(user.providerCustomerId)).toBe(5);

    // The checkout path is counted too, and another customer is not affected.
    await expect(
      startCheckout({ provider: "toss_pay", userId: user.id, planSlug: (await createPlan()).slug }),
    ).rejects.toMatchObject({ code: "rate_limited" });
    const other = await createCustomer(`other-${Date.now()}@example.com`);
    await expect(start(other.id, t0)).resolves.toMatchObject({ status: "pending" });

    // Ten minutes later the customer may try again.
    await expect(start(user.id, new Date(t0.getTime() + 11 * 60_000))).resolves.toMatchObject({
      status: "pending",
    });
  });

  it("allows twenty a day", async () => {
    const user = await createCustomer(`daily-${Date.now()}@example.com`);
    const t0 = new Date();
    // Four every eleven minutes: never over the burst limit, twenty in under an hour.
    for (let i = 0; i < 20; i++) {
      await start(user.id, new Date(t0.getTime() + Math.floor(i / 4) * 11 * 60_000 + i * 1_000));
    }
    const refused = await start(user.id, new Date(t0.getTime() + 2 * 3_600_000)).catch(
      (e: unknown) => e,
    );
    expect((refused as AppError).code).toBe("rate_limited");
    expect((refused as AppError).userMessage).toMatch(/시간 후에 다시 시도해 주세요/);
    expect(await methodsOf(user.id)).toHaveLength(20);
  });
});
