import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import {
  details,
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
    id: uuidPrimaryKey(),
    userId: textRef(() => users.id, "restrict").notNull(),
    planId: uuidRef(() => plans.id, "restrict").notNull(),
    paymentMethodId: uuidRef(() => paymentMethods.id, "set null"),
    status: subscriptionStatus().notNull().default("incomplete"),
    // KRW, integer won: the price this subscriber pays per period. It stays at the old value
    // after a plan's price rises until the subscriber consents (docs/billing.md, consent law).
    priceAmount: krw(),
    priceAmountTaxFree: krwTaxFree(),
    // 1 for the first paid period, +1 each time a period is paid. Part of every order id, so a
    // charge for a period can never be confused with one for another period.
    periodNumber: integer().notNull().default(0),
    currentPeriodStart: timestamptz(),
    currentPeriodEnd: timestamptz(),
    // The moment the first period started: month arithmetic clamps to short months and
    // returns to this anchor's day-of-month (docs/billing.md "Periods and dates").
    billingAnchorAt: timestamptz(),
    trialStart: timestamptz(),
    trialEnd: timestamptz(),
    cancelAtPeriodEnd: flag(),
    canceledAt: timestamptz(),
    endedAt: timestamptz(),
    cancellationReason: text(),
    // When the merchant recorded that the customer used the service (no usage tracking here):
    // under withdrawal_use_policy = unused_only it closes 청약철회.
    serviceUsedAt: timestamptz(),
    // Downgrades and interval changes wait for the period end.
    pendingPlanId: uuidRef(() => plans.id, "set null"),
    // When the cron should next try to charge: period end, trial end, or the next dunning
    // retry. Null when nothing is due (canceled, unpaid waiting for a new method, …).
    nextChargeAt: timestamptz(),
    // Dunning: failed attempts for the outstanding period and when the first one failed.
    dunningAttempts: zeroCount(),
    dunningStartedAt: timestamptz(),
    unpaidSince: timestamptz(),
    // The charge run's lease: a worker that claims this row sets both; a crashed worker's
    // claim expires at lockedUntil (docs/billing.md "Charging" step 1).
    lockedBy: text(),
    lockedUntil: timestamptz(),
    // incomplete subscriptions expire after 23 hours without a successful first charge.
    incompleteExpiresAt: timestamptz(),
    // Whether the charge that last paid a period was in test mode (charge_attempts.test_mode,
    // the fact of record): the dashboard's MRR counts a subscription as revenue only when its
    // billing is live, by the same rule as revenue. Kept by a trigger on charge_attempts
    // (migration 0016, docs/admin-at-scale.md); false until a period is paid.
    paidInTestMode: flag(),
    ...timestamps(),
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
    // Next charge ascending keeps its nulls last too (nothing due sorts after any date), which
    // the descending index above cannot serve backwards. created_at and price_amount are never
    // null, so their ascending order is the backward walk of the indexes above.
    index("subscriptions_next_charge_asc_idx").on(
      t.nextChargeAt.asc().nullsLast(),
      t.id.asc().nullsLast(),
    ),
    check("subscriptions_price_positive", sql`${t.priceAmount} > 0`),
  ],
);

// Every state transition and notable change of a subscription, in order: the timeline that
// admin and support read, and the proof of what the engine did.
export const subscriptionEvents = pgTable(
  "subscription_events",
  {
    id: uuidPrimaryKey(),
    subscriptionId: uuidRef(() => subscriptions.id, "cascade").notNull(),
    type: text().$type<SubscriptionEventType>().notNull(),
    fromStatus: subscriptionStatus(),
    toStatus: subscriptionStatus(),
    // "system", "customer:<userId>", "admin:<userId>", "provider:<name>"
    actor: text().notNull(),
    data: details(),
    createdAt: writtenAt(),
  },
  (t) => [index("subscription_events_subscription_idx").on(t.subscriptionId, t.createdAt)],
);

export type Subscription = typeof subscriptions.$inferSelect;
export type SubscriptionStatus = (typeof subscriptionStatus.enumValues)[number];
