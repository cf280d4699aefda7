// The billing engine against a provider's sandbox over real HTTP: the sandbox's handler on a
// node:http server (port chosen first, so the provider's base-URL variable can point at it
// before anything reads the environment), subscribers whose methods are real ACTIVE sandbox
// billing keys, and the sandbox's own ledger to check what was actually charged. Which provider:
// BILLING_PROVIDER (sandbox-drivers.ts), Toss Pay by default.
import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { encryptBillingKey } from "@/lib/crypto/billing-key-cipher";
import { db } from "@/lib/db/client";
import {
  chargeAttempts,
  merchantSettings,
  paymentMethods,
  plans,
  subscriptions,
  users,
  type NewPlan,
  type Plan,
  type Subscription,
} from "@/lib/db/schema";
import { loadMerchantSettings } from "@/lib/merchant/load-merchant-settings";
import type { PaymentProvider } from "@/lib/payments/types";
import type { ProviderFor } from "@/lib/payments/provider-for";
import { freePort } from "@/scripts/support/local-postgres";
import {
  sandboxDriver,
  type Faults,
  type InstrumentRole,
  type LedgerCharge,
  type SandboxDriver,
} from "./sandbox-drivers";

export type { Faults, LedgerCharge };

export type BillingHarness = {
  sandboxUrl: string;
  driver: SandboxDriver;
  provider: PaymentProvider;
  providerFor: ProviderFor;
  /** This provider's test instrument for a role (a card that works, one that declines…). */
  instrument: (role: InstrumentRole) => string;
  /** A client of the same sandbox with another timeout. */
  providerWithTimeout: (timeoutMs: number) => PaymentProvider;
  setFaults: (faults: Faults) => Promise<void>;
  /** Every charge the sandbox made (approved and declined), from its ledger; or one customer's. */
  ledger: (providerCustomerId?: string) => Promise<LedgerCharge[]>;
  /** The customer changes the method behind a key in the provider's app, where it has one. */
  changeInstrument: ((billingKey: string, instrument: string) => Promise<void>) | null;
  close: () => Promise<void>;
};

// The harness started last: the helpers below create keys and methods for its provider. One
// harness per test file (each file is its own process).
let active: { driver: SandboxDriver; url: string } | null = null;

function activeDriver(): SandboxDriver {
  return active?.driver ?? sandboxDriver();
}

export async function startBillingHarness(
  options: { timeoutMs?: number; driver?: SandboxDriver } = {},
): Promise<BillingHarness> {
  const driver = options.driver ?? sandboxDriver();
  const port = await freePort();
  process.env[driver.baseUrlVariable] = `http://127.0.0.1:${port}`;
  const sandbox = await driver.start(port);
  active = { driver, url: sandbox.url };
  // The store under test offers this provider (what `npm run billing:run` checks is reachable).
  await loadMerchantSettings(db());
  await db()
    .update(merchantSettings)
    .set({ enabledProviders: [driver.provider] })
    .where(eq(merchantSettings.id, 1));
  // A short client timeout, so the sandbox's "never answers" fault costs a test little time.
  const provider = driver.createProvider(sandbox.url, options.timeoutMs ?? 1_000);
  const { changeInstrument } = driver;
  return {
    sandboxUrl: sandbox.url,
    driver,
    provider,
    providerFor: () => provider,
    instrument: (role) => driver.instruments[role],
    providerWithTimeout: (timeoutMs) => driver.createProvider(sandbox.url, timeoutMs),
    setFaults: (faults) => driver.setFaults(sandbox.url, faults),
    ledger: (providerCustomerId) => driver.ledger(sandbox.url, providerCustomerId),
    changeInstrument: changeInstrument
      ? (billingKey, instrument) => changeInstrument(sandbox.url, billingKey, instrument)
      : null,
    close: async () => {
      active = null;
      await sandbox.close();
    },
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

/** An ACTIVE sandbox billing key, as if the customer had approved it with the provider. */
export async function createSandboxKey(
  sandboxUrl: string,
  userId: string,
  instrument?: string,
): Promise<string> {
  return activeDriver().createKey(sandboxUrl, userId, instrument);
}

/** A method of the harness's provider holding `billingKey` (encrypted as the app stores it). */
export async function insertSandboxMethod(input: {
  userId: string;
  providerCustomerId: string;
  billingKey: string;
  status: "pending" | "active";
  activatedAt?: Date;
  instrument?: string;
}): Promise<string> {
  const driver = activeDriver();
  const id = randomUUID();
  const { ciphertext, keyVersion } = encryptBillingKey(input.billingKey, id);
  await db()
    .insert(paymentMethods)
    .values({
      id,
      userId: input.userId,
      provider: driver.provider,
      providerCustomerId: input.providerCustomerId,
      billingKeyCiphertext: ciphertext,
      keyVersion,
      status: input.status,
      kind: driver.methodKind(input.instrument),
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
  // The id the provider knows the customer by, as registration would have stored it.
  const providerCustomerId = activeDriver().customerIdFor(user.providerCustomerId);

  let billingKey: string | null = null;
  let methodId: string | null = null;
  if (input.withMethod ?? true) {
    billingKey = await createSandboxKey(input.sandboxUrl, providerCustomerId, input.instrument);
    methodId = await insertSandboxMethod({
      userId: user.id,
      providerCustomerId,
      billingKey,
      status: "active",
      activatedAt: input.periodStart,
      instrument: input.instrument,
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
    providerCustomerId,
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
