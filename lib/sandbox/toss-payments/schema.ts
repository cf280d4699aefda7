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

// The api.tosspayments.com sandbox keeps its state in a schema of its own, like the Toss Pay
// one: the emulator and the storefront never share a table. Field names and enum values follow
// docs/providers.md §2. Every row belongs to a merchant, identified by its test secret key.

export const sandboxTossPayments = pgSchema("sandbox_toss_payments");

export const billingMethod = sandboxTossPayments.enum("billing_method", ["CARD", "TRANSFER"]);

// docs/providers.md §2.3.2 Payment.status. A billing charge is DONE at once or ABORTED (declined);
// cancels make it PARTIAL_CANCELED / CANCELED. The other values are never produced here.
export const paymentStatus = sandboxTossPayments.enum("payment_status", [
  "DONE",
  "PARTIAL_CANCELED",
  "CANCELED",
  "ABORTED",
]);

export const authWindowStatus = sandboxTossPayments.enum("auth_window_status", [
  "OPEN",
  "APPROVED",
  "CANCELED",
  "ABORTED",
]);

export const deliveryState = sandboxTossPayments.enum("delivery_state", [
  "pending",
  "delivered",
  "failed",
]);

// One billing-auth window (requestBillingAuth): what the SDK asked for, what the customer picked
// and the one-time authKey it produced.
export const authWindows = sandboxTossPayments.table(
  "auth_windows",
  {
    id: uuid().primaryKey().defaultRandom(),
    // Capability in the window's URL; only the customer's browser knows it.
    token: text().notNull(),
    clientKey: text().notNull(),
    customerKey: text().notNull(),
    method: billingMethod().notNull(),
    successUrl: text().notNull(),
    failUrl: text().notNull(),
    customerEmail: text(),
    customerName: text(),
    status: authWindowStatus().notNull().default("OPEN"),
    // The test instrument picked in the window (instruments.ts), null until approval.
    instrumentId: text(),
    cardType: text({ enum: ["신용", "체크"] }),
    ownerType: text({ enum: ["개인", "법인"] }),
    authKey: text(),
    authKeyExpiresAt: timestamp({ withTimezone: true }),
    authKeyUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("auth_windows_token_key").on(t.token),
    uniqueIndex("auth_windows_auth_key_key").on(t.authKey),
  ],
);

export const billingKeys = sandboxTossPayments.table(
  "billing_keys",
  {
    billingKey: text().primaryKey(),
    // The merchant (its test secret key): a billing key only works with the key that issued it.
    secretKey: text().notNull(),
    customerKey: text().notNull(),
    method: billingMethod().notNull(),
    instrumentId: text().notNull(),
    cardType: text({ enum: ["신용", "체크"] }),
    ownerType: text({ enum: ["개인", "법인"] }),
    authenticatedAt: timestamp({ withTimezone: true }).notNull(),
    deletedAt: timestamp({ withTimezone: true }),
    // BILLING_DELETED's reason: "삭제 API 요청", or the customer left 퀵계좌이체.
    deleteReason: text(),
  },
  (t) => [index("billing_keys_merchant_customer_idx").on(t.secretKey, t.customerKey)],
);

export const payments = sandboxTossPayments.table(
  "payments",
  {
    paymentKey: text().primaryKey(),
    secretKey: text().notNull(),
    orderId: text().notNull(),
    orderName: text().notNull(),
    billingKey: text()
      .notNull()
      .references(() => billingKeys.billingKey, { onDelete: "restrict" }),
    customerKey: text().notNull(),
    customerEmail: text(),
    customerName: text(),
    status: paymentStatus().notNull(),
    // KRW. balanceAmount is what can still be cancelled.
    totalAmount: integer().notNull(),
    balanceAmount: integer().notNull(),
    taxFreeAmount: integer().notNull(),
    installmentPlanMonths: integer().notNull().default(0),
    // The instrument as it was at charge time.
    instrumentId: text().notNull(),
    lastTransactionKey: text(),
    failureCode: text(),
    failureMessage: text(),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    approvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // docs/providers.md §2.4 DUPLICATED_ORDER_ID: an order id that was approved or cancelled
    // cannot be charged again; a declined (ABORTED) one can. Enforced by the database so two
    // concurrent charges cannot both succeed.
    uniqueIndex("payments_merchant_order_id_key")
      .on(t.secretKey, t.orderId)
      .where(sql`${t.status} <> 'ABORTED'`),
    index("payments_merchant_order_lookup_idx").on(t.secretKey, t.orderId, t.requestedAt),
    index("payments_billing_key_idx").on(t.billingKey, t.requestedAt),
    check("payments_balance_within_total", sql`${t.balanceAmount} between 0 and ${t.totalAmount}`),
  ],
);

export const cancels = sandboxTossPayments.table(
  "cancels",
  {
    transactionKey: text().primaryKey(),
    paymentKey: text()
      .notNull()
      .references(() => payments.paymentKey, { onDelete: "restrict" }),
    cancelAmount: integer().notNull(), // KRW, positive
    taxFreeAmount: integer().notNull(),
    cancelReason: text().notNull(),
    refundableAmount: integer().notNull(), // KRW left after this cancel
    canceledAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("cancels_payment_idx").on(t.paymentKey, t.canceledAt),
    check("cancels_amount_positive", sql`${t.cancelAmount} > 0`),
  ],
);

// docs/providers.md §2.5: a key is matched on (key, API key, URL, method) and kept 15 days.
export const idempotencyKeys = sandboxTossPayments.table(
  "idempotency_keys",
  {
    secretKey: text().notNull(),
    key: text().notNull(),
    method: text().notNull(),
    path: text().notNull(),
    // sha256 of the body: a different body under the same key is refused (README "Idempotency").
    requestHash: text().notNull(),
    // null while the first request is still running.
    responseStatus: integer(),
    responseBody: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.secretKey, t.key, t.method, t.path] }),
    index("idempotency_keys_expires_idx").on(t.expiresAt),
  ],
);

// Webhooks to the merchant (docs/providers.md §2.6), delivered by lib/sandbox/shared/deliveries.ts;
// the row id is the tosspayments-webhook-transmission-id.
export const webhookDeliveries = sandboxTossPayments.table(
  "webhook_deliveries",
  {
    // The first delivery plus up to 7 retries.
    ...deliveryColumns(8),
    secretKey: text().notNull(),
    eventType: text({ enum: ["BILLING_DELETED", "PAYMENT_STATUS_CHANGED"] }).notNull(),
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
export const settings = settingsTable(sandboxTossPayments, {
  webhookUrl: text(),
  // How long one of the documented retry minutes lasts here (tests shrink it).
  webhookRetryMinuteMs: integer(),
});

export type AuthWindowRow = typeof authWindows.$inferSelect;
export type BillingKeyRow = typeof billingKeys.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type CancelRow = typeof cancels.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
