import { and, asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { MountedRequest } from "@/lib/sandbox/shared/context";
import { deliveryProgress } from "@/lib/sandbox/shared/deliveries";
import { readFields, wantsJson } from "@/lib/sandbox/shared/form-fields";
import { readJsonObject } from "@/lib/sandbox/shared/json-body";
import { jsonResponse } from "@/lib/sandbox/shared/json-response";
import { settingsEndpoint } from "@/lib/sandbox/shared/settings-endpoint";
import { PortOneApiError, invalidJsonBody, invalidRequest } from "./api-error";
import { changeBillingKeyMethod, endBillingKey, insertBillingKey } from "./billing-keys";
import type { PortOneContext } from "./context";
import { toolsPage } from "./dev-tools-page";
import { DEFAULT_INSTRUMENT_ID, findInstrument } from "./instruments";
import {
  billingKeys,
  cancellations,
  payments,
  stores,
  transactions,
  webhookDeliveries,
} from "./schema";
import { SETTINGS_STORE } from "./settings";
import { findStore, provisionPortOneStore, randomStoreConfig } from "./stores";
import { customerInput, noticeUrls, parseBody } from "./validation";
import { billingKeyInfo } from "./views";

// Developer tools ({base}/_sandbox/**), not part of PortOne's API; the host decides who may use
// them (handler.ts authorizeTools). They show every store's secrets and every key in full and
// act as the customer in the Toss app:
//
// GET  /_sandbox                               stores, keys, payments, webhooks (HTML; ?format=json)
// POST /_sandbox/stores                        {name?} → a new random store (its secrets)
// POST /_sandbox/billing-keys                  {storeId, customerId, instrument?, noticeUrls?}
//                                              → BillingKeyInfo at once, BillingKey.Issued sent
// POST /_sandbox/billing-keys/delete           {billingKey}: the customer ends it in the Toss
//                                              app → BillingKey.Deleted
// POST /_sandbox/billing-keys/change-method    {billingKey, instrument}: the customer links
//                                              another method → BillingKey.Updated
// GET  /_sandbox/ledger[?storeId=…&customerId=…] what was really charged and refunded (JSON)
// GET  /_sandbox/webhooks                      webhook deliveries (JSON)
// GET/PUT /_sandbox/settings                   switches (settings.ts)

const LIST_LIMIT = 200;

export async function overview(ctx: PortOneContext) {
  const [storeRows, keys, paymentRows, webhooks] = await Promise.all([
    ctx.db.select().from(stores).orderBy(asc(stores.createdAt)).limit(LIST_LIMIT),
    ctx.db.select().from(billingKeys).orderBy(desc(billingKeys.issuedAt)).limit(LIST_LIMIT),
    ctx.db.select().from(payments).orderBy(desc(payments.requestedAt)).limit(LIST_LIMIT),
    ctx.db
      .select()
      .from(webhookDeliveries)
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(LIST_LIMIT),
  ]);
  return {
    stores: storeRows.map((s) => ({
      storeId: s.storeId,
      name: s.name,
      apiSecret: s.apiSecret,
      channelKey: s.channelKey,
      webhookSecret: s.webhookSecret,
    })),
    billingKeys: keys.map((k) => ({
      billingKey: k.billingKey,
      storeId: k.storeId,
      customerId: k.customerId,
      instrumentId: k.instrumentId,
      issuedAt: k.issuedAt.toISOString(),
      deletedAt: k.deletedAt?.toISOString() ?? null,
    })),
    payments: paymentRows.map((p) => ({
      storeId: p.storeId,
      paymentId: p.paymentId,
      transactionId: p.transactionId,
      billingKey: p.billingKey,
      status: p.status,
      totalAmount: p.totalAmount,
      cancelledAmount: p.cancelledAmount,
      pgCode: p.pgCode,
      requestedAt: p.requestedAt.toISOString(),
    })),
    webhooks: webhooks.map((w) => ({
      webhookId: w.id,
      storeId: w.storeId,
      type: w.type,
      ...deliveryProgress(w),
    })),
  };
}

export type Overview = Awaited<ReturnType<typeof overview>>;

const newKeyBody = z.object({
  storeId: z.string(),
  customerId: z.string().min(1).max(100),
  customer: customerInput.optional(),
  instrument: z.string().optional(),
  noticeUrls,
});

/** POST /_sandbox/billing-keys: a key at once, without the window (tests, benchmarks). */
async function createKey(ctx: PortOneContext, request: Request): Promise<Response> {
  const input = parseBody(newKeyBody, await readJsonObject(request, invalidJsonBody));
  const store = await findStore(ctx.db, input.storeId);
  if (!store) throw invalidRequest("storeId: 존재하지 않는 상점입니다.");
  const instrument = findInstrument(input.instrument ?? DEFAULT_INSTRUMENT_ID);
  if (!instrument) throw invalidRequest("instrument: 알 수 없는 테스트 수단입니다.");
  const { webhookUrl } = await ctx.runtime.settings();
  const key = await ctx.db.transaction((tx) =>
    insertBillingKey(ctx, tx, {
      webhookUrl,
      store,
      channelKey: store.channelKey,
      customerId: input.customerId,
      customer: input.customer ?? {},
      noticeUrls: input.noticeUrls,
      instrumentId: instrument.id,
      requestedAt: ctx.now,
    }),
  );
  ctx.runtime.kickDeliveries();
  return jsonResponse(billingKeyInfo(store, key));
}

/** Delete or change as the customer: JSON for scripts, a redirect back for the HTML forms. */
async function customerAction(
  ctx: PortOneContext,
  request: Request,
  action: "delete" | "change-method",
): Promise<Response> {
  const json = wantsJson(request);
  const fields = await readFields(request, invalidJsonBody);
  const [key] = await ctx.db
    .select()
    .from(billingKeys)
    .where(eq(billingKeys.billingKey, fields.billingKey ?? ""));
  const instrument = action === "change-method" ? findInstrument(fields.instrument ?? "") : null;
  const refused = !key
    ? "존재하지 않는 빌링키예요."
    : action === "change-method" && !instrument
      ? "알 수 없는 테스트 수단이에요."
      : null;
  let done = false;
  if (!refused && key) {
    done =
      action === "delete"
        ? (await endBillingKey(ctx, key)) !== null
        : await changeBillingKeyMethod(ctx, key, instrument!.id);
  }
  if (json) {
    if (refused) return jsonResponse({ type: "INVALID_REQUEST", message: refused }, 400);
    return jsonResponse({
      billingKey: key!.billingKey,
      [action === "delete" ? "deleted" : "changed"]: done,
    });
  }
  return new Response(null, { status: 303, headers: { location: `${ctx.baseUrl}/_sandbox` } });
}

async function createStore(ctx: PortOneContext, request: Request): Promise<Response> {
  const fields = await readFields(request, invalidJsonBody);
  const store = await provisionPortOneStore(ctx.db, randomStoreConfig(fields.name || undefined));
  if (!wantsJson(request)) {
    return new Response(null, { status: 303, headers: { location: `${ctx.baseUrl}/_sandbox` } });
  }
  return jsonResponse({
    storeId: store.storeId,
    name: store.name,
    apiSecret: store.apiSecret,
    channelKey: store.channelKey,
    webhookSecret: store.webhookSecret,
  });
}

// The ledger's two lists (transactions, cancellations) reach their customer the same way: the
// payment they belong to (by store and paymentId), then that payment's billing key.
type PaymentChild = typeof transactions | typeof cancellations;

const paymentOf = (child: PaymentChild) =>
  and(eq(payments.storeId, child.storeId), eq(payments.paymentId, child.paymentId));

const ledgerScope = (child: PaymentChild, storeId: string | null, customerId: string | null) =>
  and(
    storeId ? eq(child.storeId, storeId) : undefined,
    customerId ? eq(billingKeys.customerId, customerId) : undefined,
  );

/**
 * GET /_sandbox/ledger: what really moved. `charges` are the PAID attempts (a declined attempt
 * moved nothing), `cancellations` the refunds; `net` = charged − refunded, per store when
 * ?storeId is given. Charges and declines carry the `customerId` of the payment's billing key
 * (the latest attempt's key when an id was charged again), so a test can read one customer's
 * with ?customerId (which also narrows `cancellations` to that customer's payments).
 */
export async function ledger(
  ctx: PortOneContext,
  storeId: string | null,
  customerId: string | null = null,
) {
  const charges = await ctx.db
    .select({
      storeId: transactions.storeId,
      paymentId: transactions.paymentId,
      transactionId: transactions.transactionId,
      status: transactions.status,
      amount: transactions.amount,
      pgTxId: transactions.pgTxId,
      pgCode: transactions.pgCode,
      requestedAt: transactions.requestedAt,
      customerId: billingKeys.customerId,
    })
    .from(transactions)
    .innerJoin(payments, paymentOf(transactions))
    .innerJoin(billingKeys, eq(billingKeys.billingKey, payments.billingKey))
    .where(ledgerScope(transactions, storeId, customerId))
    .orderBy(asc(transactions.requestedAt));
  const refunds = await ctx.db
    .select({ cancellation: cancellations })
    .from(cancellations)
    .innerJoin(payments, paymentOf(cancellations))
    .innerJoin(billingKeys, eq(billingKeys.billingKey, payments.billingKey))
    .where(ledgerScope(cancellations, storeId, customerId))
    .orderBy(asc(cancellations.cancelledAt))
    .then((rows) => rows.map((r) => r.cancellation));
  const paid = charges.filter((t) => t.status === "PAID");
  const charged = paid.reduce((sum, t) => sum + t.amount, 0);
  const refunded = refunds.reduce((sum, c) => sum + c.totalAmount, 0);
  return {
    charges: paid.map((t) => ({
      storeId: t.storeId,
      paymentId: t.paymentId,
      transactionId: t.transactionId,
      customerId: t.customerId,
      amount: t.amount,
      pgTxId: t.pgTxId,
      paidAt: t.requestedAt.toISOString(),
    })),
    declines: charges
      .filter((t) => t.status === "FAILED")
      .map((t) => ({
        storeId: t.storeId,
        paymentId: t.paymentId,
        transactionId: t.transactionId,
        customerId: t.customerId,
        amount: t.amount,
        pgCode: t.pgCode,
        at: t.requestedAt.toISOString(),
      })),
    cancellations: refunds.map((c) => ({
      storeId: c.storeId,
      paymentId: c.paymentId,
      cancellationId: c.id,
      amount: c.totalAmount,
      taxFreeAmount: c.taxFreeAmount,
      vatAmount: c.vatAmount,
      reason: c.reason,
      cancelledAt: c.cancelledAt.toISOString(),
    })),
    totals: { charged, refunded, net: charged - refunded },
  };
}

export async function routeTools(
  mounted: MountedRequest<PortOneContext>,
): Promise<Response | null> {
  const { ctx, request, method, url, path } = mounted;
  try {
    if (path === "/_sandbox" && method === "GET") {
      const data = await overview(ctx);
      return url.searchParams.get("format") === "json"
        ? jsonResponse(data)
        : toolsPage(ctx, data, await SETTINGS_STORE.load(ctx.db));
    }
    if (path === "/_sandbox/webhooks" && method === "GET") {
      return jsonResponse({ deliveries: (await overview(ctx)).webhooks });
    }
    if (path === "/_sandbox/ledger" && method === "GET") {
      return jsonResponse(
        await ledger(ctx, url.searchParams.get("storeId"), url.searchParams.get("customerId")),
      );
    }
    if (path === "/_sandbox/stores" && method === "POST") return await createStore(ctx, request);
    if (path === "/_sandbox/billing-keys" && method === "POST")
      return await createKey(ctx, request);
    if (path === "/_sandbox/billing-keys/delete" && method === "POST") {
      return await customerAction(ctx, request, "delete");
    }
    if (path === "/_sandbox/billing-keys/change-method" && method === "POST") {
      return await customerAction(ctx, request, "change-method");
    }
    if (path === "/_sandbox/settings" && ["GET", "PUT", "POST"].includes(method)) {
      return await settingsEndpoint(request, ctx, SETTINGS_STORE, invalidJsonBody);
    }
    return null;
  } catch (error) {
    if (error instanceof PortOneApiError) return jsonResponse(error.body(), error.httpStatus);
    throw error;
  }
}
