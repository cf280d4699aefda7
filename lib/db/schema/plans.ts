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
  krw,
  krwTaxFree,
  textRef,
  timestamps,
  uuidPrimaryKey,
  uuidRef,
  writtenAt,
} from "./columns";
import { users } from "./auth";

export const billingInterval = pgEnum("billing_interval", ["day", "week", "month", "year"]);
export const planStatus = pgEnum("plan_status", ["active", "archived"]);

export const plans = pgTable(
  "plans",
  {
    id: uuidPrimaryKey(),
    // URL-safe identifier used on the pricing page (/subscribe/<slug>).
    slug: text().notNull(),
    name: text().notNull(),
    description: text().notNull().default(""),
    features: jsonb().$type<string[]>().notNull().default([]),
    // KRW, integer won. The price new subscribers pay; existing subscribers keep the price
    // recorded on their subscription until they consent to a rise (docs/billing.md, consent law).
    amount: krw(),
    amountTaxFree: krwTaxFree(),
    interval: billingInterval().notNull(),
    intervalCount: integer().notNull().default(1),
    trialDays: integer().notNull().default(0),
    status: planStatus().notNull().default("active"),
    sortOrder: integer().notNull().default(0),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("plans_slug_key").on(t.slug),
    index("plans_status_sort_idx").on(t.status, t.sortOrder),
    check("plans_amount_positive", sql`${t.amount} > 0`),
    check(
      "plans_tax_free_within_amount",
      sql`${t.amountTaxFree} >= 0 and ${t.amountTaxFree} <= ${t.amount}`,
    ),
    check("plans_interval_count_positive", sql`${t.intervalCount} between 1 and 36`),
    check("plans_trial_days_range", sql`${t.trialDays} between 0 and 365`),
  ],
);

// Every price a plan has had, so receipts, consents and the audit trail can say which price
// applied when. A new row is written whenever `plans.amount` or `amountTaxFree` changes.
export const planPrices = pgTable(
  "plan_prices",
  {
    id: uuidPrimaryKey(),
    planId: uuidRef(() => plans.id, "cascade").notNull(),
    amount: krw(),
    amountTaxFree: krwTaxFree(),
    effectiveFrom: writtenAt(),
    createdByUserId: textRef(() => users.id, "set null"),
  },
  (t) => [index("plan_prices_plan_idx").on(t.planId, t.effectiveFrom)],
);

export type Plan = typeof plans.$inferSelect;
export type NewPlan = typeof plans.$inferInsert;
