import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { findOne } from "@/lib/sandbox/shared/find-one";
import { PortOneApiError } from "./api-error";
import type { ApiOperation, PortOneContext } from "./context";
import { newBillingKey } from "./ids";
import { billingKeyInfo } from "./views";
import { type BillingKeyRow, type StoreRow, billingKeys } from "./schema";
import { checkStoreId } from "./stores";
import { enqueueWebhook, webhookTargets } from "./webhooks";

// Billing keys: the API's GET and DELETE (docs/providers.md §3.3), and what the Toss app does
// to a key from the customer's side (the developer tools): change the linked method
// (BillingKey.Updated) or end the key (BillingKey.Deleted).

/** The store's key, deleted or not; null when it never existed for this store. */
export const findBillingKey = (executor: Executor, storeId: string, billingKey: string) =>
  findOne(executor, billingKeys, { billingKey, storeId });

async function keyOf(ctx: PortOneContext, store: StoreRow, billingKey: string) {
  const key = await findBillingKey(ctx.db, store.storeId, billingKey);
  if (!key) throw new PortOneApiError("BILLING_KEY_NOT_FOUND");
  return key;
}

/** GET /billing-keys/{billingKey}[?storeId] */
export const getBillingKey: ApiOperation = async (ctx, { store, param, query }) => {
  checkStoreId(store, query.get("storeId"));
  return billingKeyInfo(store, await keyOf(ctx, store, param));
};

async function targetsOf(ctx: PortOneContext, key: Pick<BillingKeyRow, "noticeUrls">) {
  const { webhookUrl } = await ctx.runtime.settings();
  return webhookTargets(key.noticeUrls, webhookUrl);
}

/**
 * Deletes a live key and queues BillingKey.Deleted in the same transaction; null when it was
 * already deleted (nothing is sent twice).
 */
export async function endBillingKey(
  ctx: PortOneContext,
  key: BillingKeyRow,
): Promise<BillingKeyRow | null> {
  const urls = await targetsOf(ctx, key);
  const row = await ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .update(billingKeys)
      .set({ deletedAt: ctx.now, updatedAt: ctx.now })
      .where(and(eq(billingKeys.billingKey, key.billingKey), isNull(billingKeys.deletedAt)))
      .returning();
    if (!deleted) return null;
    await enqueueWebhook(
      tx,
      { urls, now: ctx.now },
      { type: "BillingKey.Deleted", data: { storeId: key.storeId, billingKey: key.billingKey } },
    );
    return deleted;
  });
  if (row) ctx.runtime.kickDeliveries();
  return row;
}

/** DELETE /billing-keys/{billingKey}[?storeId&reason&requester] → {deletedAt} */
export const deleteBillingKey: ApiOperation = async (ctx, { store, param, query }) => {
  checkStoreId(store, query.get("storeId"));
  const requester = query.get("requester");
  if (requester !== null && requester !== "CUSTOMER" && requester !== "ADMIN") {
    throw new PortOneApiError("INVALID_REQUEST", "requester는 CUSTOMER 또는 ADMIN이어야 합니다.");
  }
  const key = await keyOf(ctx, store, param);
  const deleted = key.deletedAt ? null : await endBillingKey(ctx, key);
  if (!deleted?.deletedAt) throw new PortOneApiError("BILLING_KEY_ALREADY_DELETED");
  return { deletedAt: deleted.deletedAt.toISOString() };
};

/** The customer linked another method in the Toss app: BillingKey.Updated (docs §3.2). */
export async function changeBillingKeyMethod(
  ctx: PortOneContext,
  key: BillingKeyRow,
  instrumentId: string,
): Promise<boolean> {
  const urls = await targetsOf(ctx, key);
  const changed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(billingKeys)
      .set({ instrumentId, updatedAt: ctx.now })
      .where(and(eq(billingKeys.billingKey, key.billingKey), isNull(billingKeys.deletedAt)))
      .returning();
    if (!row) return false;
    await enqueueWebhook(
      tx,
      { urls, now: ctx.now },
      { type: "BillingKey.Updated", data: { storeId: key.storeId, billingKey: key.billingKey } },
    );
    return true;
  });
  if (changed) ctx.runtime.kickDeliveries();
  return changed;
}

export type NewKey = {
  store: StoreRow;
  channelKey: string;
  customerId: string;
  customer: Record<string, unknown>;
  issueId?: string | null | undefined;
  issueName?: string | null | undefined;
  customData?: string | null | undefined;
  noticeUrls: readonly string[];
  instrumentId: string;
  requestedAt: Date;
  // The console's webhook URL (settings), read by the caller *before* its transaction: read
  // inside it, a stale settings cache would wait for a second pool connection while holding
  // one, and enough concurrent issuances (a benchmark seeding keys) deadlock the pool.
  webhookUrl: string;
};

/** Issues a key and queues BillingKey.Issued in `tx`; the caller kicks deliveries afterwards. */
export async function insertBillingKey(
  ctx: PortOneContext,
  tx: Executor,
  input: NewKey,
): Promise<BillingKeyRow> {
  const [row] = await tx
    .insert(billingKeys)
    .values({
      billingKey: newBillingKey(),
      storeId: input.store.storeId,
      channelKey: input.channelKey,
      customerId: input.customerId,
      customer: { ...input.customer, id: input.customerId },
      issueId: input.issueId ?? null,
      issueName: input.issueName ?? null,
      customData: input.customData ?? null,
      noticeUrls: [...input.noticeUrls],
      instrumentId: input.instrumentId,
      requestedAt: input.requestedAt,
      issuedAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await enqueueWebhook(
    tx,
    { urls: webhookTargets(input.noticeUrls, input.webhookUrl), now: ctx.now },
    {
      type: "BillingKey.Issued",
      data: { storeId: input.store.storeId, billingKey: row!.billingKey },
    },
  );
  return row!;
}
