// Seeds many subscriptions due for renewal, each with its own ACTIVE sandbox billing key of the
// given provider (created through the sandbox's fixture API, so the sandbox knows every key it
// will be asked to charge). Used by the benchmark; rows are inserted in bulk.
import { randomUUID } from "node:crypto";
import { encryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { paymentMethods, plans, subscriptions, users } from "@/lib/db/schema";
import { periodBoundary } from "@/lib/billing/periods";
import { runConcurrently } from "@/lib/billing/run-concurrently";
import { methodColumns } from "@/lib/payments/method-columns";
import { isTestCharge } from "@/lib/payments/mode";
import type { MethodDetails } from "@/lib/payments/types";
import { sandboxDriver, type SandboxDriver } from "./sandbox-drivers";

const INSERT_CHUNK = 500;

export type SeededSubscriptions = {
  planId: string;
  subscriptionIds: string[];
  providerCustomerIds: string[];
};

async function createKeys(
  driver: SandboxDriver,
  sandboxUrl: string,
  customerIds: string[],
  instrument: string,
  concurrency: number,
): Promise<string[]> {
  const keys: string[] = new Array<string>(customerIds.length);
  await runConcurrently(customerIds.keys(), concurrency, async (index) => {
    keys[index] = await driver.createKey(sandboxUrl, customerIds[index]!, instrument);
  });
  return keys;
}

/**
 * What the provider reports about each key (its getMethod, the lookup registration's
 * confirmation and a details refresh make), so a method row carries the display details a real
 * registration stores. Null where the provider has no such lookup (Toss Payments).
 */
async function registeredDetails(
  driver: SandboxDriver,
  sandboxUrl: string,
  customerIds: string[],
  keys: string[],
  concurrency: number,
): Promise<(MethodDetails | null)[]> {
  const provider = driver.createProvider(sandboxUrl, 10_000);
  const details = new Array<MethodDetails | null>(keys.length).fill(null);
  await runConcurrently(keys.keys(), concurrency, async (index) => {
    const lookup = await provider.getMethod({
      providerCustomerId: customerIds[index]!,
      billingKey: keys[index]!,
    });
    if (lookup.outcome === "not_supported") return;
    if (lookup.outcome !== "succeeded") {
      throw new Error(`sandbox method lookup: ${lookup.merchantMessage}`);
    }
    details[index] = lookup.method;
  });
  return details;
}

export async function seedDueSubscriptions(input: {
  count: number;
  sandboxUrl: string;
  /** The renewal moment: every subscription's first period ends here. */
  dueAt: Date;
  amount?: number; // KRW
  instrument?: string;
  keyConcurrency?: number;
  driver?: SandboxDriver;
  /**
   * Store on each method the display details the provider reports for its key, as registration
   * does. A renewal of such a method then writes nothing to payment_methods (fillMethodDetails
   * finds nothing to fill), which is the steady state of a month's renewals; without it every
   * charge is a method's first and fills its details.
   */
  withRegisteredDetails?: boolean;
}): Promise<SeededSubscriptions> {
  const { count, dueAt } = input;
  const driver = input.driver ?? sandboxDriver();
  const instrument = input.instrument ?? driver.instruments.ok;
  const anchor = new Date(dueAt.getTime() - 30 * 24 * 60 * 60 * 1000);
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `bench-${randomUUID().slice(0, 8)}`,
      name: "벤치마크 요금제",
      amount: input.amount ?? 9_900,
      interval: "day",
      intervalCount: 30,
    })
    .returning();
  if (!plan) throw new Error("plan insert failed");
  const periodEnd = periodBoundary(anchor, "day", 30, 1);

  const people = Array.from({ length: count }, () => ({
    id: randomUUID(),
    email: `bench-${randomUUID()}@example.com`,
    providerCustomerId: `cus_${randomUUID().replaceAll("-", "")}`,
  }));
  // The id the provider knows each customer by, as registration would have stored it.
  const customerIds = people.map((p) => driver.customerIdFor(p.providerCustomerId));
  const keys = await createKeys(
    driver,
    input.sandboxUrl,
    customerIds,
    instrument,
    input.keyConcurrency ?? 32,
  );
  const details = input.withRegisteredDetails
    ? await registeredDetails(
        driver,
        input.sandboxUrl,
        customerIds,
        keys,
        input.keyConcurrency ?? 32,
      )
    : null;

  const subscriptionIds: string[] = [];
  for (let i = 0; i < count; i += INSERT_CHUNK) {
    const chunk = people.slice(i, i + INSERT_CHUNK);
    await db().transaction(async (tx) => {
      await tx.insert(users).values(chunk.map((p) => ({ ...p, name: "벤치 고객" })));
      const methods = chunk.map((p, j) => {
        const id = randomUUID();
        const { ciphertext, keyVersion } = encryptBillingKey(keys[i + j]!, id);
        return {
          id,
          userId: p.id,
          provider: driver.provider,
          providerCustomerId: customerIds[i + j]!,
          billingKeyCiphertext: ciphertext,
          keyVersion,
          status: "active" as const,
          kind: driver.methodKind(instrument),
          ...methodColumns(details?.[i + j] ?? null),
          activatedAt: anchor,
        };
      });
      const stored = await tx.insert(paymentMethods).values(methods).returning({
        id: paymentMethods.id,
        provider: paymentMethods.provider,
        testMode: paymentMethods.testMode,
      });
      const storedById = new Map(stored.map((m) => [m.id, m]));
      const rows = await tx
        .insert(subscriptions)
        .values(
          chunk.map((p, j) => ({
            userId: p.id,
            planId: plan.id,
            paymentMethodId: methods[j]!.id,
            status: "active" as const,
            priceAmount: plan.amount,
            periodNumber: 1,
            // Period 1 was paid with this method, in the mode its renewal is charged in: the
            // steady state of a month's renewals, where the admin figures' paid_in_test_mode
            // trigger finds nothing to change (a first charge in test mode would flip it).
            paidInTestMode: isTestCharge(storedById.get(methods[j]!.id)!),
            billingAnchorAt: anchor,
            currentPeriodStart: anchor,
            currentPeriodEnd: periodEnd,
            nextChargeAt: periodEnd,
            createdAt: anchor,
            updatedAt: anchor,
          })),
        )
        .returning({ id: subscriptions.id });
      subscriptionIds.push(...rows.map((r) => r.id));
    });
  }
  return {
    planId: plan.id,
    subscriptionIds,
    providerCustomerIds: customerIds,
  };
}
