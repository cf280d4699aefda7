// The billing engine against the Toss Pay sandbox over real HTTP: the sandbox's handler on a
// node:http server (port chosen first, so TOSS_PAY_BASE_URL can point at it before anything
// reads the environment), subscribers whose methods are real ACTIVE sandbox billing keys, and
// the sandbox's own ledger to check what was actually charged.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { encryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  paymentMethods,
  plans,
  subscriptions,
  users,
  type NewPlan,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import { TOSS_PAY_PUBLIC_TEST_KEY } from "@/lib/payments/toss-pay/config";
import { createTossPayProvider } from "@/lib/payments/toss-pay/provider";
import type { PaymentProvider } from "@/lib/payments/types";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { startSandboxServer, type SandboxServer } from "@/lib/sandbox/toss-pay/node-server";
import { freePort } from "@/scripts/support/local-postgres";

export type Faults = {
  latencyMs?: number | null;
  errorRate?: number | null;
  timeoutRate?: number | null;
  lostResponseRate?: number | null;
  seed?: number | null;
};

export type LedgerCharge = {
  orderNo: string;
  transactionId: string | null;
  userId: string;
  amount: number;
  payStatus: string;
  instrument: string;
  // KRW refunded so far, and each refund the sandbox made (by our refundNo).
  refundedAmount: number;
  refunds: { refundNo: string; amount: number }[] | null;
};

export type BillingHarness = {
  sandboxUrl: string;
  provider: PaymentProvider;
  providerFor: ProviderFor;
  setFaults: (faults: Faults) => Promise<void>;
  /** Every charge the sandbox made (approved and declined), from its ledger; or one customer's. */
  ledger: (providerCustomerId?: string) => Promise<LedgerCharge[]>;
  /** The customer changes the method behind a key in the Toss app (e.g. to one that declines). */
  changeInstrument: (billingKey: string, instrument: string) => Promise<void>;
  close: () => Promise<void>;
};

export async function startBillingHarness(
  options: { timeoutMs?: number } = {},
): Promise<BillingHarness> {
  const port = await freePort();
  process.env.TOSS_PAY_BASE_URL = `http://127.0.0.1:${port}`;
  const sandbox: SandboxServer = await startSandboxServer({ db: db(), port, basePath: "" });
  // A short client timeout, so the sandbox's "never answers" fault costs a test little time.
  const provider = createTossPayProvider({
    apiKey: TOSS_PAY_PUBLIC_TEST_KEY,
    baseUrl: sandbox.url,
    mode: "sandbox",
    timeoutMs: options.timeoutMs ?? 1_000,
  });

  async function call(path: string, init: RequestInit) {
    const response = await fetch(`${sandbox.url}${path}`, {
      ...init,
      headers: { "content-type": "application/json" },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as Record<string, unknown>;
  }

  return {
    sandboxUrl: sandbox.url,
    provider,
    providerFor: () => provider,
    setFaults: async (faults) => {
      await call("/_sandbox/settings", { method: "PUT", body: JSON.stringify(faults) });
    },
    ledger: async (providerCustomerId) => {
      const only = providerCustomerId ? `&userId=${encodeURIComponent(providerCustomerId)}` : "";
      const body = await call(
        `/_sandbox/ledger?format=json&limit=50000&duplicateWindowHours=0${only}`,
        { method: "GET" },
      );
      return body.charges as LedgerCharge[];
    },
    changeInstrument: async (billingKey, instrument) => {
      await call("/_sandbox/keys/change-method", {
        method: "POST",
        body: JSON.stringify({ billingKey, instrument }),
      });
    },
    close: () => sandbox.close(),
  };
}

export async function createPlan(overrides: Partial<NewPlan> = {}): Promise<Plan> {
  const [plan] = await db()
    .insert(plans)
    .values({
      slug: `plan-${randomUUID().slice(0, 8)}`,
      name: "베이직",
      amount: 9_900,
      interval: "month",
      intervalCount: 1,
      ...overrides,
    })
    .returning();
  if (!plan) throw new Error("plan insert failed");
  return plan;
}

/** An ACTIVE sandbox billing key, as if the customer had approved it in the Toss app. */
export async function createSandboxKey(
  sandboxUrl: string,
  userId: string,
  instrument = "card:4:normal",
): Promise<string> {
  const response = await fetch(`${sandboxUrl}/_sandbox/keys`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apiKey: TOSS_PAY_PUBLIC_TEST_KEY, userId, instrument }),
  });
  const body = (await response.json()) as { code: number; billingKey?: string };
  if (body.code !== 0 || !body.billingKey) {
    throw new Error(`sandbox key: ${JSON.stringify(body)}`);
  }
  return body.billingKey;
}

/** A Toss Pay card method holding `billingKey` (encrypted as the app stores it); its id. */
export async function insertSandboxMethod(input: {
  userId: string;
  providerCustomerId: string;
  billingKey: string;
  status: "pending" | "active";
  activatedAt?: Date;
}): Promise<string> {
  const id = randomUUID();
  const { ciphertext, keyVersion } = encryptBillingKey(input.billingKey, id);
  await db()
    .insert(paymentMethods)
    .values({
      id,
      userId: input.userId,
      provider: "toss_pay",
      providerCustomerId: input.providerCustomerId,
      billingKeyCiphertext: ciphertext,
      keyVersion,
      status: input.status,
      kind: "card",
      activatedAt: input.activatedAt ?? null,
    });
  return id;
}

export type Subscriber = {
  userId: string;
  providerCustomerId: string;
  billingKey: string | null;
  methodId: string | null;
  subscription: Subscription;
};

/**
 * A customer with a linked sandbox method and a subscription in the given state. The default
 * is an active monthly subscription whose first period (anchored at `periodStart`) ends at
 * `periodEnd`, due for renewal then.
 */
export async function createSubscriber(input: {
  sandboxUrl: string;
  plan: Plan;
  periodStart: Date;
  periodEnd: Date;
  instrument?: string;
  withMethod?: boolean;
  subscription?: Partial<typeof subscriptions.$inferInsert>;
}): Promise<Subscriber> {
  const [user] = await db()
    .insert(users)
    .values({ email: `billing-${randomUUID()}@example.com`, name: "구독 고객" })
    .returning();
  if (!user) throw new Error("user insert failed");

  let billingKey: string | null = null;
  let methodId: string | null = null;
  if (input.withMethod ?? true) {
    billingKey = await createSandboxKey(
      input.sandboxUrl,
      user.providerCustomerId,
      input.instrument,
    );
    methodId = await insertSandboxMethod({
      userId: user.id,
      providerCustomerId: user.providerCustomerId,
      billingKey,
      status: "active",
      activatedAt: input.periodStart,
    });
  }

  const [subscription] = await db()
    .insert(subscriptions)
    .values({
      userId: user.id,
      planId: input.plan.id,
      paymentMethodId: methodId,
      status: "active",
      priceAmount: input.plan.amount,
      periodNumber: 1,
      billingAnchorAt: input.periodStart,
      currentPeriodStart: input.periodStart,
      currentPeriodEnd: input.periodEnd,
      nextChargeAt: input.periodEnd,
      incompleteExpiresAt: null,
      createdAt: input.periodStart,
      updatedAt: input.periodStart,
      ...input.subscription,
    })
    .returning();
  if (!subscription) throw new Error("subscription insert failed");
  return {
    userId: user.id,
    providerCustomerId: user.providerCustomerId,
    billingKey,
    methodId,
    subscription,
  };
}

export async function subscriptionRow(id: string): Promise<Subscription> {
  const [row] = await db().select().from(subscriptions).where(eq(subscriptions.id, id));
  if (!row) throw new Error(`subscription ${id} missing`);
  return row;
}

export async function attemptsOf(subscriptionId: string) {
  return db()
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.subscriptionId, subscriptionId))
    .orderBy(chargeAttempts.periodNumber, chargeAttempts.attemptNumber);
}

/** subscription uuid hex + period, from an order id "sub_<hex>_p<period>_a<attempt>". */
export function periodOfOrder(orderNo: string): { subscriptionHex: string; period: number } | null {
  const match = /^sub_([0-9a-f]{32})_p(\d+)_a\d+$/.exec(orderNo);
  return match ? { subscriptionHex: match[1]!, period: Number(match[2]) } : null;
}

/** Subscription periods the sandbox approved more than once (must always be empty). */
export function doubleCharges(ledger: LedgerCharge[]): string[] {
  const seen = new Map<string, number>();
  for (const charge of ledger) {
    if (!charge.transactionId) continue; // declined: no money moved
    const period = periodOfOrder(charge.orderNo);
    if (!period) continue;
    const key = `${period.subscriptionHex}/p${period.period}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([, n]) => n > 1).map(([key]) => key);
}

/**
 * Snapshot of what the engine owns, for "N runs = one run" comparisons: everything, or only what
 * belongs to the given subscriptions (a long chaos run would otherwise compare every case's rows).
 */
export async function engineState(subscriptionIds?: string[]): Promise<unknown> {
  const only = (column: string) =>
    subscriptionIds
      ? sql`where ${sql.raw(column)} in (${sql.join(
          subscriptionIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`
      : sql``;
  const subs = await db().execute(sql`
    select id, status, plan_id, price_amount, period_number, current_period_start,
           current_period_end, billing_anchor_at, next_charge_at, dunning_attempts,
           dunning_started_at, unpaid_since, cancel_at_period_end, canceled_at, ended_at,
           cancellation_reason, pending_plan_id, locked_by, locked_until, updated_at
    from subscriptions ${only("id")} order by id`);
  const attempts = await db().execute(sql`
    select id, subscription_id, order_id, period_number, attempt_number, status,
           failure_category, error_code, last_checked_at, check_count, refunded_amount, updated_at
    from charge_attempts ${only("subscription_id")} order by order_id`);
  const events = await db().execute(
    sql`select count(*)::int as n from subscription_events ${only("subscription_id")}`,
  );
  const notices = await db().execute(
    sql`select dedupe_key from notifications ${only("subscription_id")} order by dedupe_key`,
  );
  const changes = await db().execute(
    sql`select charge_attempt_id, outcome from plan_change_charges ${only("subscription_id")}
        order by charge_attempt_id`,
  );
  return {
    subs: [...subs],
    attempts: [...attempts],
    events: [...events],
    notices: [...notices],
    changes: [...changes],
  };
}

/** Ends every live subscription and closes every live attempt, so later runs find nothing. */
export async function retireEverything(): Promise<void> {
  await db().execute(sql`
    update charge_attempts set status = 'failed' where status in ('pending', 'unknown')`);
  await db().execute(sql`
    update subscriptions set status = 'canceled', next_charge_at = null, locked_by = null,
      locked_until = null
    where status <> 'canceled'`);
}

/** The kinds of the notifications queued for a subscription, oldest first. */
export async function noticesOf(subscriptionId: string): Promise<string[]> {
  const rows = await db().execute<{ kind: string }>(sql`
    select kind from notifications where subscription_id = ${subscriptionId}
    order by created_at, kind`);
  return rows.map((r) => r.kind);
}
