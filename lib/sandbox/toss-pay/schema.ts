import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { deliveryColumns, settingsTable } from "@/lib/sandbox/shared/schema-columns";

// The pay.toss.im sandbox keeps its state in a schema of its own, so the emulator and the
// storefront never share a table: the sandbox plays Toss's servers, the storefront only ever
// reaches them over HTTP. Field names and enum values follow docs/providers.md §1.

export const sandboxTossPay = pgSchema("sandbox_toss_pay");

// docs/providers.md §1.4.4. AUTH exists in the docs' enum but no documented flow produces it; it is
// kept so a value read back from the database can never be outside the documented set.
export const billingKeyStatus = sandboxTossPay.enum("billing_key_status", [
  "CREATE",
  "AUTH",
  "ACTIVE",
  "REMOVE",
  "FAIL",
  "CANCEL",
]);

// docs/providers.md §1.4.7. SETTLEMENT_* are derived on read (one year after approval), never stored.
export const payStatus = sandboxTossPay.enum("pay_status", [
  "PAY_STANDBY",
  "PAY_APPROVED",
  "PAY_CANCEL",
  "PAY_PROGRESS",
  "PAY_COMPLETE",
  "REFUND_PROGRESS",
  "REFUND_SUCCESS",
  "SETTLEMENT_COMPLETE",
  "SETTLEMENT_REFUND_COMPLETE",
]);

export const callbackDeliveryState = sandboxTossPay.enum("callback_delivery_state", [
  "pending",
  "delivered",
  "failed",
]);

/** An amount and Toss's split of it, all in KRW: a charge's, or what one refund step returns. */
function amountSplitColumns() {
  return {
    amount: integer().notNull(),
    amountTaxFree: integer().notNull(),
    amountTaxable: integer().notNull(),
    amountVat: integer().notNull(),
    amountServiceFee: integer().notNull(),
  };
}

export const billingKeys = sandboxTossPay.table(
  "billing_keys",
  {
    billingKey: text().primaryKey(),
    // The merchant: Toss identifies the merchant by its API key, and a key is only usable with
    // the API key that created it (docs-pay bill: "빌링키 생성요청 시 사용된 API Key와 동일해야").
    apiKey: text().notNull(),
    userId: text().notNull(),
    displayId: text(),
    productDesc: text().notNull(),
    status: billingKeyStatus().notNull().default("CREATE"),
    // The test instrument the customer linked in the app screen (instruments.ts), null until then.
    instrumentId: text(),
    // Capability in the checkout links; a different secret from the billing key, which only the
    // merchant's server may know.
    checkoutToken: text().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    resultCallback: text().notNull(),
    retAppScheme: text(),
    returnSuccessUrl: text(),
    returnFailureUrl: text(),
    hasEncryptedUserCi: boolean().notNull().default(false),
    // Why the key ended in CANCEL/FAIL/REMOVE, as a Toss error code, and who removed it.
    endReason: text(),
    removedBy: text({ enum: ["merchant", "user"] }),
    // sendFailPush: Toss pushes at most one failure notice per hour per billing key.
    lastFailPushAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    activatedAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex("billing_keys_checkout_token_key").on(t.checkoutToken),
    // /billing-key/status looks keys up by merchant and user.
    index("billing_keys_merchant_user_idx").on(t.apiKey, t.userId, t.createdAt),
  ],
);

export const charges = sandboxTossPay.table(
  "charges",
  {
    id: uuid().primaryKey().defaultRandom(),
    apiKey: text().notNull(),
    orderNo: text().notNull(),
    payToken: text().notNull(),
    // The PAY step's transaction id; null for a declined charge, which has no approval.
    transactionId: text(),
    billingKey: text()
      .notNull()
      .references(() => billingKeys.billingKey, { onDelete: "restrict" }),
    userId: text().notNull(),
    productDesc: text().notNull(),
    // The split is what Toss computes when the merchant leaves it out.
    ...amountSplitColumns(),
    spreadOut: integer().notNull().default(0),
    cashReceipt: boolean().notNull().default(false),
    cashReceiptTradeOption: text().notNull().default("GENERAL"),
    payMethod: text({ enum: ["CARD", "TOSS_MONEY"] }).notNull(),
    // The method as it was at charge time: the customer may change the key's method later.
    instrumentId: text().notNull(),
    payStatus: payStatus().notNull(),
    refundedAmount: integer().notNull().default(0), // KRW, sum of refunds, positive
    errorCode: text(),
    errorMessage: text(),
    failPushSent: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    approvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // The only protection against a double charge Toss offers (docs/providers.md §1.7): one orderNo
    // per merchant, enforced by the database so concurrent duplicates cannot slip through.
    uniqueIndex("charges_merchant_order_no_key").on(t.apiKey, t.orderNo),
    uniqueIndex("charges_pay_token_key").on(t.payToken),
    index("charges_billing_key_idx").on(t.billingKey, t.createdAt),
    index("charges_user_id_idx").on(t.userId, t.createdAt),
    index("charges_created_at_idx").on(t.createdAt),
    check("charges_refunded_within_amount", sql`${t.refundedAmount} between 0 and ${t.amount}`),
  ],
);

export const refunds = sandboxTossPay.table(
  "refunds",
  {
    id: uuid().primaryKey().defaultRandom(),
    chargeId: uuid()
      .notNull()
      .references(() => charges.id, { onDelete: "restrict" }),
    apiKey: text().notNull(),
    refundNo: text().notNull(),
    transactionId: text().notNull(),
    // What this step refunds (positive), split like the charge.
    ...amountSplitColumns(),
    reason: text(),
    // What makes two requests "the same" for idempotent replays (payToken and amounts).
    requestFingerprint: text().notNull(),
    // The success answer, returned again verbatim to an idempotent replay.
    response: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // docs-pay refunds: refundNo is unique per merchant on every call.
    uniqueIndex("refunds_merchant_refund_no_key").on(t.apiKey, t.refundNo),
    index("refunds_charge_idx").on(t.chargeId, t.createdAt),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

// docs/providers.md §1.4.2: the first delivery plus up to 4 retries.
const CALLBACK_MAX_ATTEMPTS = 5;

export const callbackDeliveries = sandboxTossPay.table(
  "callback_deliveries",
  {
    ...deliveryColumns(CALLBACK_MAX_ATTEMPTS),
    billingKey: text()
      .notNull()
      .references(() => billingKeys.billingKey, { onDelete: "restrict" }),
    state: callbackDeliveryState().notNull().default("pending"),
  },
  (t) => [
    index("callback_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.state} = 'pending'`),
    index("callback_deliveries_billing_key_idx").on(t.billingKey, t.createdAt),
  ],
);

// One row (id 1). A null column means "use the default from the environment" (lib/env.ts).
export const settings = settingsTable(sandboxTossPay, { callbackRetryIntervalMs: integer() });

export type BillingKeyRow = typeof billingKeys.$inferSelect;
export type ChargeRow = typeof charges.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type CallbackDeliveryRow = typeof callbackDeliveries.$inferSelect;
export type SettingsRow = typeof settings.$inferSelect;
