import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { chargeAttempts, chargeFailureCategory, chargePurpose, chargeStatus } from "./charges";
import { paymentProvider } from "./payment-methods";
import { subscriptionStatus } from "./subscriptions";

// The admin's figures at scale (docs/admin-at-scale.md): sums that the dashboard and the charge
// list would otherwise recompute from millions of rows on every view. PostgreSQL triggers keep
// them (migrations 0017, and 0018 for charge attempts, whose trigger runs once per statement):
// every insert, update or delete of a charge attempt, refund or subscription that changes what
// it contributes appends the difference, in the same transaction as the change, as rows of
// ± amounts. Nothing is updated in place, so concurrent
// charge settlements never wait on one another for a shared total (and cannot deadlock on one).
// admin_fold_figures() later collapses the appended rows of each key into one (`folded`); every
// reader sums by key, so a figure is the same before and after folding.
//
// Days are Asia/Seoul calendar days, as everywhere in the admin.

/** Charge attempts by the Seoul day they were made, with their money. */
export const chargeFigures = pgTable(
  "charge_figures",
  {
    createdDay: date().notNull(),
    // Seoul day the provider approved a succeeded charge; null for every other status.
    approvedDay: date(),
    provider: paymentProvider().notNull(),
    status: chargeStatus().notNull(),
    // none | partial | full: how much of a succeeded charge has been refunded.
    refundState: text().notNull(),
    testMode: boolean().notNull(),
    attempts: integer().notNull(),
    amount: bigint({ mode: "number" }).notNull(), // KRW
    refunded: bigint({ mode: "number" }).notNull(), // KRW
    folded: boolean().notNull().default(false),
  },
  (t) => [
    index("charge_figures_created_day_idx").on(t.createdDay),
    index("charge_figures_approved_day_idx")
      .on(t.approvedDay)
      .where(sql`${t.approvedDay} is not null`),
    index("charge_figures_unfolded_idx")
      .on(t.createdDay)
      .where(sql`not ${t.folded}`),
  ],
);

/** Succeeded refunds by the Seoul day they completed, with their charge's provider and mode. */
export const refundFigures = pgTable(
  "refund_figures",
  {
    day: date().notNull(),
    provider: paymentProvider().notNull(),
    testMode: boolean().notNull(),
    refunds: integer().notNull(),
    amount: bigint({ mode: "number" }).notNull(), // KRW
    folded: boolean().notNull().default(false),
  },
  (t) => [
    index("refund_figures_day_idx").on(t.day),
    index("refund_figures_unfolded_idx")
      .on(t.day)
      .where(sql`not ${t.folded}`),
  ],
);

// Subscriptions, three kinds of rows:
//   state    — by status, plan, provider (of the current payment method) and whether its billing
//              is live: how many, and their price normalised to a month (`mrr`, exact numeric);
//   started  — by the Seoul day a subscription that started (paid a period or began a trial) was
//              created;
//   ended    — by the Seoul day a started subscription ended.
export const subscriptionFigures = pgTable(
  "subscription_figures",
  {
    kind: text().notNull(),
    day: date(),
    status: subscriptionStatus(),
    planId: uuid(),
    provider: paymentProvider(),
    live: boolean(),
    subscriptions: integer().notNull(),
    mrr: numeric().notNull(),
    folded: boolean().notNull().default(false),
  },
  (t) => [
    index("subscription_figures_kind_day_idx").on(t.kind, t.day),
    index("subscription_figures_unfolded_idx")
      .on(t.kind)
      .where(sql`not ${t.folded}`),
  ],
);

// Failed charge attempts whose period (or proration) is not paid yet, of subscriptions that have
// not ended: the dashboard's 조치가 필요한 결제 reads its failures from here (a few rows per
// subscription in dunning) instead of from every failure of the last 30 days. Kept by triggers
// (migration 0016): an attempt that fails is added; a success removes the failures it paid for,
// and so does a subscription whose paid period moves past them; a subscription that ends
// removes its own. Readers still check each row against its subscription
// (lib/admin/failed-charges-needing-attention.ts): these rows only narrow what is read.
export const openChargeFailures = pgTable(
  "open_charge_failures",
  {
    attemptId: uuid()
      .primaryKey()
      .references(() => chargeAttempts.id, { onDelete: "cascade" }),
    subscriptionId: uuid().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    // Copied from the attempt (never changed after it failed), so the dashboard checks a
    // failure against its subscription without reading the attempt.
    purpose: chargePurpose().notNull(),
    periodNumber: integer().notNull(),
    failureCategory: chargeFailureCategory(),
  },
  (t) => [
    index("open_charge_failures_subscription_idx").on(t.subscriptionId),
    index("open_charge_failures_created_idx").on(t.createdAt),
    index("open_charge_failures_needs_new_method_idx")
      .on(t.subscriptionId)
      .where(sql`${t.failureCategory} = 'needs_new_method'`),
  ],
);
