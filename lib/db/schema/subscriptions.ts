import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { paymentMethods } from "./payment-methods";
import { plans } from "./plans";
import type { SubscriptionEventType } from "./subscription-event-types";

// The states of docs/billing.md. `cancel_at_period_end` is a flag, not a state.
export const subscriptionStatus = pgEnum("subscription_status", [
  "incomplete",
  "trialing",
  "active",
  "past_due",
  "unpaid",
  "canceled",
]);

export const subscriptions = pgTable(
  "subscriptions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    planId: uuid()
      .notNull()
      .references(() => plans.id, { onDelete: "restrict" }),
    paymentMethodId: uuid().references(() => paymentMethods.id, { onDelete: "set null" }),
    status: subscriptionStatus().notNull().default("incomplete"),
    // KRW, integer won: the price this subscriber pays per period. It stays at the old value
    // after a plan's price rises until the subscriber consents (docs/billing.md, consent law).
    priceAmount: integer().notNull(),
    priceAmountTaxFree: integer().notNull().default(0), // KRW
    // 1 for the first paid period, +1 each time a period is paid. Part of every order id, so a
    // charge for a period can never be confused with one for another period.
    periodNumber: integer().notNull().default(0),
    currentPeriodStart: timestamp({ withTimezone: true }),
    currentPeriodEnd: timestamp({ withTimezone: true }),
    // The moment the first period started: month arithmetic clamps to short months and
    // returns to this anchor's day-of-month (docs/billing.md "Periods and dates").
    billingAnchorAt: timestamp({ withTimezone: true }),
    trialStart: timestamp({ withTimezone: true }),
    trialEnd: timestamp({ withTimezone: true }),
    cancelAtPeriodEnd: boolean().notNull().default(false),
    canceledAt: timestamp({ withTimezone: true }),
    endedAt: timestamp({ withTimezone: true }),
    cancellationReason: text(),
    // Downgrades and interval changes wait for the period end.
    pendingPlanId: uuid().references(() => plans.id, { onDelete: "set null" }),
    // When the cron should next try to charge: period end, trial end, or the next dunning
    // retry. Null when nothing is due (canceled, unpaid waiting for a new method, …).
    nextChargeAt: timestamp({ withTimezone: true }),
    // Dunning: failed attempts for the outstanding period and when the first one failed.
    dunningAttempts: integer().notNull().default(0),
    dunningStartedAt: timestamp({ withTimezone: true }),
    unpaidSince: timestamp({ withTimezone: true }),
    // The charge run's lease: a worker that claims this row sets both; a crashed worker's
    // claim expires at lockedUntil (docs/billing.md "Charging" step 1).
    lockedBy: text(),
    lockedUntil: timestamp({ withTimezone: true }),
    // incomplete subscriptions expire after 23 hours without a successful first charge.
    incompleteExpiresAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One live subscription per customer; ended ones stay for history.
    uniqueIndex("subscriptions_one_live_per_user")
      .on(t.userId)
      .where(sql`${t.status} <> 'canceled'`),
    // The cron's query: due, chargeable subscriptions by due time.
    index("subscriptions_due_idx")
      .on(t.nextChargeAt)
      .where(
        sql`${t.status} in ('trialing', 'active', 'past_due') and ${t.nextChargeAt} is not null`,
      ),
    index("subscriptions_incomplete_expiry_idx")
      .on(t.incompleteExpiresAt)
      .where(sql`${t.status} = 'incomplete'`),
    index("subscriptions_unpaid_idx")
      .on(t.unpaidSince)
      .where(sql`${t.status} = 'unpaid'`),
    index("subscriptions_plan_status_idx").on(t.planId, t.status),
    index("subscriptions_status_idx").on(t.status, t.createdAt),
    // A customer's subscriptions (account page, admin detail, the admin search's join).
    index("subscriptions_user_idx").on(t.userId, t.createdAt),
    // The admin subscriber list's sorts, in the exact order it asks for (lib/admin/
    // list-subscribers.ts: `desc nulls last`, id as tie-break), so its first page is an index
    // walk instead of a sort of every subscription. A plain ascending index would not serve
    // `desc nulls last`.
    index("subscriptions_created_idx").on(t.createdAt.desc().nullsLast(), t.id.desc().nullsFirst()),
    index("subscriptions_next_charge_idx").on(
      t.nextChargeAt.desc().nullsLast(),
      t.id.desc().nullsFirst(),
    ),
    index("subscriptions_price_idx").on(t.priceAmount.desc().nullsLast(), t.id.desc().nullsFirst()),
    check("subscriptions_price_positive", sql`${t.priceAmount} > 0`),
  ],
);

// Every state transition and notable change of a subscription, in order: the timeline that
// admin and support read, and the proof of what the engine did.
export const subscriptionEvents = pgTable(
  "subscription_events",
  {
    id: uuid().primaryKey().defaultRandom(),
    subscriptionId: uuid()
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    type: text().$type<SubscriptionEventType>().notNull(),
    fromStatus: subscriptionStatus(),
    toStatus: subscriptionStatus(),
    // "system", "customer:<userId>", "admin:<userId>", "provider:<name>"
    actor: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("subscription_events_subscription_idx").on(t.subscriptionId, t.createdAt)],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionStatus = (typeof subscriptionStatus.enumValues)[number];
