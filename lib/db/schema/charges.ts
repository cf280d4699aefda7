import { sql } from "drizzle-orm";
import {
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  flag,
  krw,
  krwTaxFree,
  textRef,
  timestamps,
  timestamptz,
  uuidPrimaryKey,
  uuidRef,
  writtenAt,
  zeroCount,
} from "./columns";
import { users } from "./auth";
import { paymentMethods, paymentProvider } from "./payment-methods";
import { plans } from "./plans";
import { subscriptions } from "./subscriptions";

// pending: recorded, request not yet answered. unknown: sent, outcome not known (timeout,
// 5xx, lost response) — resolved only by looking the order id up, never by a new order id.
export const chargeStatus = pgEnum("charge_status", ["pending", "unknown", "succeeded", "failed"]);

// Why a failed charge failed, in docs/billing.md's categories.
export const chargeFailureCategory = pgEnum("charge_failure_category", [
  "declined",
  "needs_new_method",
  "config_error",
]);

// period: pays for a subscription period (first charge, renewal, dunning retry, recovery).
// proration: the prorated difference of an upgrade inside the current period.
export const chargePurpose = pgEnum("charge_purpose", ["period", "proration"]);

// Toss Pay's cashReceiptTradeOption (docs/providers.md §1.4.3): 일반 (GENERAL), 문화비 (CULTURE),
// 대중교통 (PUBLIC_TP). The merchant picks one in admin settings.
export const cashReceiptTradeOption = pgEnum("cash_receipt_trade_option", [
  "GENERAL",
  "CULTURE",
  "PUBLIC_TP",
]);

export const chargeAttempts = pgTable(
  "charge_attempts",
  {
    id: uuidPrimaryKey(),
    subscriptionId: uuidRef(() => subscriptions.id, "restrict").notNull(),
    userId: textRef(() => users.id, "restrict").notNull(),
    paymentMethodId: uuidRef(() => paymentMethods.id, "set null"),
    provider: paymentProvider().notNull(),
    // Deterministic, derived from durable state (subscription, period, attempt number), and
    // valid for every provider: [A-Za-z0-9_-]{6,50} (docs/billing.md "Charging" step 2).
    orderId: text().notNull(),
    purpose: chargePurpose().notNull().default("period"),
    periodNumber: integer().notNull(),
    periodStart: timestamptz(),
    periodEnd: timestamptz(),
    attemptNumber: integer().notNull(),
    amount: krw(), // total charged
    amountTaxFree: krwTaxFree(),
    // What the provider was told the customer buys ("베이직 정기결제"), kept for our receipt;
    // null on attempts recorded before it was kept.
    orderName: text(),
    // The cash receipt asked of the provider with this charge, decided when the attempt is
    // reserved (merchant settings then in force) so every resend of the order asks the same;
    // null = none asked. Only Toss Pay takes it (docs/receipts-and-tax.md).
    cashReceiptTradeOption: cashReceiptTradeOption(),
    status: chargeStatus().notNull().default("pending"),
    failureCategory: chargeFailureCategory(),
    // Provider-side ids: Toss Pay payToken / transactionId, Toss Payments paymentKey, PortOne
    // paymentId + pgTxId.
    providerPaymentId: text(),
    providerTransactionId: text(),
    receiptUrl: text(),
    approvedAt: timestamptz(),
    errorCode: text(),
    // Precise, for merchants and logs.
    errorMessage: text(),
    // Natural Korean, safe to show the customer (why it failed, how to fix it).
    customerMessage: text(),
    // The provider's last answer, as received (never contains the billing key).
    rawResponse: jsonb(),
    refundedAmount: krw().default(0), // sum of succeeded refunds
    // Sent in test mode (sandbox or a provider's test key): no money moved, so it is never
    // revenue. Set when the attempt is reserved, from the provider configuration then in force.
    testMode: flag(),
    // When the request was handed to the provider, and the last status lookup.
    sentAt: timestamptz(),
    lastCheckedAt: timestamptz(),
    checkCount: zeroCount(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("charge_attempts_order_id_key").on(t.orderId),
    // docs/billing.md invariants: at most one live attempt and at most one success per period.
    uniqueIndex("charge_attempts_one_live_per_period")
      .on(t.subscriptionId, t.purpose, t.periodNumber)
      .where(sql`${t.status} in ('pending', 'unknown')`),
    uniqueIndex("charge_attempts_one_success_per_period")
      .on(t.subscriptionId, t.periodNumber)
      .where(sql`${t.status} = 'succeeded' and ${t.purpose} = 'period'`),
    index("charge_attempts_subscription_idx").on(t.subscriptionId, t.createdAt),
    index("charge_attempts_user_idx").on(t.userId, t.createdAt),
    index("charge_attempts_unresolved_idx")
      .on(t.updatedAt)
      .where(sql`${t.status} in ('pending', 'unknown')`),
    // The admin charge list's sorts and filters, each with the id that breaks ties, so a page is
    // an index walk in either direction (docs/admin-at-scale.md).
    index("charge_attempts_created_id_idx").on(t.createdAt, t.id),
    index("charge_attempts_amount_idx").on(t.amount, t.id),
    index("charge_attempts_status_created_idx").on(t.status, t.createdAt, t.id),
    index("charge_attempts_provider_created_idx").on(t.provider, t.createdAt, t.id),
    // The dashboard's recent failures (failed-charges-needing-attention.ts).
    index("charge_attempts_failed_idx")
      .on(t.createdAt)
      .where(sql`${t.status} = 'failed'`),
    check("charge_attempts_amount_positive", sql`${t.amount} > 0`),
    check(
      "charge_attempts_refund_within_amount",
      sql`${t.refundedAmount} >= 0 and ${t.refundedAmount} <= ${t.amount}`,
    ),
  ],
);

// What a proration attempt pays for (docs/billing.md "Plan changes"), one row per attempt, written in
// the transaction that reserves the attempt. The charge path settles the attempt like any other;
// applying the change it paid for is the proration purpose's settle hook
// (lib/billing/apply-plan-change-charge.ts), which fills `outcome` exactly once.
export const planChangeKind = pgEnum("plan_change_kind", ["upgrade", "interval_change"]);
export const planChangeOutcome = pgEnum("plan_change_outcome", [
  "upgraded",
  "interval_changed",
  "failed",
  "needs_review",
]);

export const planChangeCharges = pgTable(
  "plan_change_charges",
  {
    chargeAttemptId: uuidRef(() => chargeAttempts.id, "restrict").primaryKey(),
    subscriptionId: uuidRef(() => subscriptions.id, "restrict").notNull(),
    kind: planChangeKind().notNull(),
    fromPlanId: uuidRef(() => plans.id, "restrict").notNull(),
    toPlanId: uuidRef(() => plans.id, "restrict").notNull(),
    oldAmount: krw(), // per period before the change
    toAmount: krw(), // per period after the change
    toAmountTaxFree: krwTaxFree(),
    credit: krw().default(0), // unused part of the old period (interval change)
    // The period the subscription was in when the change was quoted; an interval change whose
    // period has moved on by the time the money settles is left for review, never applied.
    periodNumber: integer().notNull(),
    newPeriodStart: timestamptz(),
    newPeriodEnd: timestamptz(),
    actor: text().notNull(),
    // Null until the settled attempt's change has been applied (or refused).
    outcome: planChangeOutcome(),
    completedAt: timestamptz(),
    createdAt: writtenAt(),
  },
  (t) => [
    index("plan_change_charges_subscription_idx").on(t.subscriptionId, t.createdAt),
    index("plan_change_charges_open_idx")
      .on(t.createdAt)
      .where(sql`${t.outcome} is null`),
    check("plan_change_charges_credit_nonnegative", sql`${t.credit} >= 0`),
  ],
);

export type PlanChangeCharge = typeof planChangeCharges.$inferSelect;

export const refundStatus = pgEnum("refund_status", ["pending", "unknown", "succeeded", "failed"]);

export const refunds = pgTable(
  "refunds",
  {
    id: uuidPrimaryKey(),
    chargeAttemptId: uuidRef(() => chargeAttempts.id, "restrict").notNull(),
    // Our own unique refund number, always sent (docs/providers.md §1.4.6: required by docs-pay);
    // re-sent unchanged when a refund is retried, so the provider never refunds twice.
    refundNo: text().notNull(),
    amount: krw(),
    amountTaxFree: krwTaxFree(),
    reason: text(),
    status: refundStatus().notNull().default("pending"),
    providerTransactionId: text(),
    // KRW: what the provider said remains refundable after this refund.
    refundableAfter: integer(),
    errorCode: text(),
    errorMessage: text(),
    rawResponse: jsonb(),
    requestedByUserId: textRef(() => users.id, "set null"),
    createdAt: writtenAt(),
    completedAt: timestamptz(),
  },
  (t) => [
    uniqueIndex("refunds_refund_no_key").on(t.refundNo),
    index("refunds_charge_idx").on(t.chargeAttemptId),
    // The admin refund list, newest first.
    index("refunds_created_idx").on(t.createdAt, t.id),
    check("refunds_amount_positive", sql`${t.amount} > 0`),
  ],
);

export type ChargeAttempt = typeof chargeAttempts.$inferSelect;
export type Refund = typeof refunds.$inferSelect;
