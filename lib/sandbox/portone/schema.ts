import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deliveryColumns, settingsTable } from "@/lib/sandbox/shared/schema-columns";

// The api.portone.io sandbox keeps its state in a schema of its own, like the Toss sandboxes.
// Field names and enum values follow docs/providers.md §3 and @portone/server-sdk 0.19.0's
// types. Every row belongs to a store (storeId); the API finds the store by its API secret, the
// browser issuance by storeId + channelKey.

export const sandboxPortone = pgSchema("sandbox_portone");

// docs/providers.md §3.3 Payment.status, as far as a billing-key charge goes: PAID or FAILED at
// once, then PARTIAL_CANCELLED / CANCELLED by cancels. The other statuses are never produced.
export const paymentStatus = sandboxPortone.enum("payment_status", [
  "PAID",
  "FAILED",
  "PARTIAL_CANCELLED",
  "CANCELLED",
]);

export const issuanceStatus = sandboxPortone.enum("issuance_status", [
  "OPEN",
  "ISSUED",
  "CANCELLED",
  "FAILED",
]);

export const deliveryState = sandboxPortone.enum("delivery_state", [
  "pending",
  "delivered",
  "failed",
]);

// A store: what the console holds (storeId, one V2 API secret, one webhook secret, one Toss Pay
// channel in TEST mode). The sandbox's choice: one channel and one webhook secret per store.
export const stores = sandboxPortone.table(
  "stores",
  {
    storeId: text().primaryKey(),
    merchantId: text().notNull(),
    name: text().notNull(),
    apiSecret: text().notNull(),
    webhookSecret: text().notNull(),
    channelKey: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("stores_api_secret_key").on(t.apiSecret),
    uniqueIndex("stores_channel_key_key").on(t.channelKey),
  ],
);

// One issuance window (requestIssueBillingKey): what the SDK asked for and how it ended.
export const issuances = sandboxPortone.table(
  "issuances",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Capability in the window's URL; only the customer's browser knows it.
    token: text().notNull(),
    storeId: text()
      .notNull()
      .references(() => stores.storeId, { onDelete: "cascade" }),
    channelKey: text().notNull(),
    customerId: text().notNull(),
    // The rest of the SDK's customer object, as given.
    customer: jsonb().notNull(),
    issueId: text(),
    issueName: text(),
    customData: text(),
    noticeUrls: jsonb().$type<string[]>().notNull(),
    // "popup": the result goes to window.opener (postMessage to openerOrigin); "redirect": the
    // browser goes to redirectUrl with the result in the query.
    flow: text({ enum: ["popup", "redirect"] }).notNull(),
    redirectUrl: text(),
    openerOrigin: text(),
    // The SDK's per-call id, echoed in the popup's message so the SDK knows it is its answer.
    requestId: text(),
    status: issuanceStatus().notNull().default("OPEN"),
    billingKey: text(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex("issuances_token_key").on(t.token)],
);

export const billingKeys = sandboxPortone.table(
  "billing_keys",
  {
    billingKey: text().primaryKey(),
    storeId: text()
      .notNull()
      .references(() => stores.storeId, { onDelete: "cascade" }),
    channelKey: text().notNull(),
    customerId: text().notNull(),
    customer: jsonb().notNull(),
    issueId: text(),
    issueName: text(),
    customData: text(),
    // Where BillingKey.* webhooks of this key go (the issuance's noticeUrls); empty = console URL.
    noticeUrls: jsonb().$type<string[]>().notNull(),
    // The test instrument behind the key (instruments.ts); BillingKey.Updated changes it.
    instrumentId: text().notNull(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    deletedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("billing_keys_store_customer_idx").on(t.storeId, t.customerId)],
);

// One row per (store, paymentId): the payment as GET /payments/{paymentId} shows it, i.e. its
// latest attempt. Every attempt is also kept in `transactions`.
export const payments = sandboxPortone.table(
  "payments",
  {
    storeId: text()
      .notNull()
      .references(() => stores.storeId, { onDelete: "cascade" }),
    paymentId: text().notNull(),
    transactionId: text().notNull(),
    status: paymentStatus().notNull(),
    billingKey: text()
      .notNull()
      .references(() => billingKeys.billingKey, { onDelete: "restrict" }),
    channelKey: text().notNull(),
    orderName: text().notNull(),
    currency: text().notNull(),
    // KRW. cancelled* grow with cancels; total − cancelled is what can still be cancelled.
    totalAmount: integer().notNull(),
    taxFreeAmount: integer().notNull(),
    vatAmount: integer().notNull(),
    cancelledAmount: integer().notNull().default(0),
    cancelledTaxFreeAmount: integer().notNull().default(0),
    cancelledVatAmount: integer().notNull().default(0),
    customer: jsonb().notNull(),
    customData: text(),
    noticeUrls: jsonb().$type<string[]>().notNull(),
    // The instrument as it was at charge time.
    instrumentId: text().notNull(),
    pgTxId: text(),
    failureReason: text(),
    pgCode: text(),
    pgMessage: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    statusChangedAt: timestamp({ withTimezone: true }).notNull(),
    paidAt: timestamp({ withTimezone: true }),
    failedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The key of the idempotency rule (docs/providers.md §3.3: a paid paymentId cannot be paid
    // again): one row per paymentId, locked while an attempt runs, so two concurrent charges of
    // the same id cannot both succeed.
    primaryKey({ columns: [t.storeId, t.paymentId] }),
    index("payments_billing_key_idx").on(t.billingKey),
    index("payments_requested_idx").on(t.requestedAt),
    check(
      "payments_cancelled_within_total",
      sql`${t.cancelledAmount} between 0 and ${t.totalAmount}`,
    ),
  ],
);

// Every attempt of a payment (GET /payments/{paymentId}/transactions), PAID or FAILED.
export const transactions = sandboxPortone.table(
  "transactions",
  {
    transactionId: text().primaryKey(),
    storeId: text().notNull(),
    paymentId: text().notNull(),
    status: text({ enum: ["PAID", "FAILED"] }).notNull(),
    amount: integer().notNull(),
    pgTxId: text(),
    pgCode: text(),
    pgMessage: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("transactions_payment_idx").on(t.storeId, t.paymentId, t.requestedAt)],
);

export const cancellations = sandboxPortone.table(
  "cancellations",
  {
    id: text().primaryKey(),
    storeId: text().notNull(),
    paymentId: text().notNull(),
    pgCancellationId: text().notNull(),
    totalAmount: integer().notNull(),
    taxFreeAmount: integer().notNull(),
    vatAmount: integer().notNull(),
    reason: text().notNull(),
    requester: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    cancelledAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("cancellations_payment_idx").on(t.storeId, t.paymentId, t.cancelledAt),
    check("cancellations_amount_positive", sql`${t.totalAmount} > 0`),
  ],
);

// Webhooks to the merchant (docs/providers.md §3.5), delivered by lib/sandbox/shared/deliveries.ts;
// the row id is the `webhook-id`, the same on every retry.
export const webhookDeliveries = sandboxPortone.table(
  "webhook_deliveries",
  {
    // The first delivery plus up to 5 retries.
    ...deliveryColumns(6),
    storeId: text().notNull(),
    type: text().notNull(),
    state: deliveryState().notNull().default("pending"),
  },
  (t) => [
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index("webhook_deliveries_created_idx").on(t.createdAt),
  ],
);

// One row (id 1). A null column means "the default" (settings.ts).
export const settings = settingsTable(sandboxPortone, {
  webhookUrl: text(),
  webhookRetryMinuteMs: integer(),
});

export type StoreRow = typeof stores.$inferSelect;
export type IssuanceRow = typeof issuances.$inferSelect;
export type BillingKeyRow = typeof billingKeys.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type TransactionRow = typeof transactions.$inferSelect;
export type CancellationRow = typeof cancellations.$inferSelect;
