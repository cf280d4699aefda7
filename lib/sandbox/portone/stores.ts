import { and, eq, ne, or } from "drizzle-orm";
import type { Database, Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import { PortOneApiError } from "./api-error";
import { newApiSecret, newChannelKey, newMerchantId, newStoreId, newWebhookSecret } from "./ids";
import { type BillingKeyRow, type StoreRow, billingKeys, stores } from "./schema";

// Stores (docs/providers.md §3.1): the browser issuance only knows storeId + channelKey, the
// API only the secret, so the sandbox keeps what PortOne's console would. The app's mount
// provisions the store its environment describes (PORTONE_STORE_ID, PORTONE_API_SECRET,
// PORTONE_CHANNEL_KEY, PORTONE_WEBHOOK_SECRET) on first use; the standalone server takes them
// as flags or makes a random store and prints it; tests make their own.

export type StoreConfig = {
  storeId: string;
  apiSecret: string;
  channelKey: string;
  webhookSecret: string;
  /** What the issuance screen shows as the merchant; default "샌드박스 상점". */
  name?: string | undefined;
};

const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]+={0,2}$/;

/** Throws with a reason when a store's values cannot work (a webhook secret that is not whsec_). */
export function checkStoreConfig(config: StoreConfig): void {
  if (!/^store-[A-Za-z0-9-]{1,100}$/.test(config.storeId)) {
    throw new Error(`storeId must look like store-<uuid>: ${config.storeId}`);
  }
  if (!/^channel-key-[A-Za-z0-9-]{1,100}$/.test(config.channelKey)) {
    throw new Error(`channelKey must look like channel-key-<uuid>: ${config.channelKey}`);
  }
  if (config.apiSecret.length < 8) throw new Error("the API secret is too short (8+ characters)");
  if (!WEBHOOK_SECRET.test(config.webhookSecret)) {
    throw new Error("the webhook secret must be whsec_ followed by base64");
  }
}

/**
 * Makes the store exist with exactly these values (idempotent: the environment is the truth,
 * so a changed secret replaces the stored one). Returns the stored row.
 */
export async function provisionPortOneStore(db: Database, config: StoreConfig): Promise<StoreRow> {
  checkStoreConfig(config);
  const values = {
    storeId: config.storeId,
    name: config.name ?? "샌드박스 상점",
    apiSecret: config.apiSecret,
    webhookSecret: config.webhookSecret,
    channelKey: config.channelKey,
  };
  return db.transaction(async (tx) => {
    // Another store holding the same secret or channel key (an older configuration's store)
    // gives them up: the environment names the store they now belong to.
    await tx
      .update(stores)
      .set({ apiSecret: newApiSecret(), channelKey: newChannelKey() })
      .where(
        and(
          ne(stores.storeId, config.storeId),
          or(eq(stores.apiSecret, config.apiSecret), eq(stores.channelKey, config.channelKey)),
        ),
      );
    const [row] = await tx
      .insert(stores)
      .values({ ...values, merchantId: newMerchantId(), createdAt: new Date() })
      .onConflictDoUpdate({ target: stores.storeId, set: values })
      .returning();
    return row!;
  });
}

/** A new store with random values (the standalone server without flags, tests). */
export function randomStoreConfig(name?: string): StoreConfig {
  return {
    storeId: newStoreId(),
    apiSecret: newApiSecret(),
    channelKey: newChannelKey(),
    webhookSecret: newWebhookSecret(),
    name,
  };
}

/** The store the app's environment describes, or null when a value is missing. */
// Per database handle: the provisioning promise of each store config (so it runs once).
const provisioned = new WeakMap<Database, Map<string, Promise<unknown>>>();

/**
 * Provisions `config` once per process and database (the mount calls it on every request; only
 * the first one waits). A failure is not remembered, so the next request tries again.
 */
export function ensurePortOneStore(db: Database, config: StoreConfig): Promise<unknown> {
  let done = provisioned.get(db);
  if (!done) provisioned.set(db, (done = new Map<string, Promise<unknown>>()));
  const key = JSON.stringify(config);
  let promise = done.get(key);
  if (!promise) {
    promise = provisionPortOneStore(db, config).catch((error: unknown) => {
      done.delete(key);
      throw error;
    });
    done.set(key, promise);
  }
  return promise;
}

const AUTH_SCHEME = /^PortOne\s+(\S+)\s*$/i;

/** The secret of `Authorization: PortOne <secret>`; 401 UNAUTHORIZED without one. */
function secretOf(request: Request): string {
  const header = request.headers.get("authorization") ?? "";
  const secret = AUTH_SCHEME.exec(header)?.[1];
  if (!secret) {
    throw new PortOneApiError(
      "UNAUTHORIZED",
      header ? "Authorization 헤더 형식이 올바르지 않습니다." : "Authorization 헤더가 없습니다.",
    );
  }
  return secret;
}

const unknownSecret = () => new PortOneApiError("UNAUTHORIZED", "올바르지 않은 API Secret입니다.");

/** The store of `Authorization: PortOne <secret>`; 401 UNAUTHORIZED otherwise. */
export async function requireStore(executor: Executor, request: Request): Promise<StoreRow> {
  const store = await findOne(executor, stores, { apiSecret: secretOf(request) });
  if (!store) throw unknownSecret();
  return store;
}

/**
 * requireStore, plus the store's billing key `billingKey` (null when the store has none by that
 * name) in the same query: a charge reads both, and one round trip fewer per charge matters
 * to a sandbox driven by a benchmark.
 */
export async function requireStoreWithKey(
  executor: Executor,
  request: Request,
  billingKey: string,
): Promise<{ store: StoreRow; key: BillingKeyRow | null }> {
  const [row] = await executor
    .select({ store: stores, key: billingKeys })
    .from(stores)
    .leftJoin(
      billingKeys,
      and(eq(billingKeys.storeId, stores.storeId), eq(billingKeys.billingKey, billingKey)),
    )
    .where(eq(stores.apiSecret, secretOf(request)))
    .limit(1);
  if (!row) throw unknownSecret();
  return row;
}

/** docs/providers.md §3.1: `storeId`, when given, must be the secret's own store. */
export function checkStoreId(store: StoreRow, given: unknown): void {
  if (given === undefined || given === null || given === "") return;
  if (given !== store.storeId) {
    throw new PortOneApiError("FORBIDDEN", "해당 상점에 접근할 수 있는 권한이 없습니다.");
  }
}

export const findStore = (executor: Executor, storeId: string) =>
  findOne(executor, stores, { storeId });

export async function storeByChannel(executor: Executor, storeId: string, channelKey: string) {
  const [row] = await executor.select().from(stores).where(eq(stores.channelKey, channelKey));
  return row && row.storeId === storeId ? row : null;
}
