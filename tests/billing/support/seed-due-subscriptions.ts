// Seeds many subscriptions due for renewal, each with its own ACTIVE Toss Pay sandbox billing
// key (created through the sandbox's fixture API, so the sandbox knows every key it will be
// asked to charge). Used by the benchmark and the crash test; rows are inserted in bulk.
import { randomUUID } from "node:crypto";
import { encryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import { paymentMethods, plans, subscriptions, users } from "@/lib/db/schema";
import { periodBoundary } from "@/lib/billing/periods";
import { TOSS_PAY_PUBLIC_TEST_KEY } from "@/lib/payments/toss-pay/config";

const INSERT_CHUNK = 500;

export type SeededSubscriptions = {
  planId: string;
  subscriptionIds: string[];
  providerCustomerIds: string[];
};

async function createKeys(
  sandboxUrl: string,
  userIds: string[],
  instrument: string,
  concurrency: number,
): Promise<string[]> {
  const keys: string[] = new Array<string>(userIds.length);
  let next = 0;
  async function worker() {
    for (;;) {
      const index = next++;
      const userId = userIds[index];
      if (userId === undefined) return;
      const response = await fetch(`${sandboxUrl}/_sandbox/keys`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ apiKey: TOSS_PAY_PUBLIC_TEST_KEY, userId, instrument }),
      });
      const body = (await response.json()) as { code?: number; billingKey?: string };
      if (body.code !== 0 || !body.billingKey) {
        throw new Error(`sandbox key for ${userId}: ${JSON.stringify(body)}`);
      }
      keys[index] = body.billingKey;
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return keys;
}

export async function seedDueSubscriptions(input: {
  count: number;
  sandboxUrl: string;
  /** The renewal moment: every subscription's first period ends here. */
  dueAt: Date;
  amount?: number; // KRW
  instrument?: string;
  keyConcurrency?: number;
}): Promise<SeededSubscriptions> {
  const { count, dueAt } = input;
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
  const keys = await createKeys(
    input.sandboxUrl,
    people.map((p) => p.providerCustomerId),
    input.instrument ?? "card:4:normal",
    input.keyConcurrency ?? 32,
  );

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
          provider: "toss_pay" as const,
          providerCustomerId: p.providerCustomerId,
          billingKeyCiphertext: ciphertext,
          keyVersion,
          status: "active" as const,
          kind: "card" as const,
          activatedAt: anchor,
        };
      });
      await tx.insert(paymentMethods).values(methods);
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
    providerCustomerIds: people.map((p) => p.providerCustomerId),
  };
}
