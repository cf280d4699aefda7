import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { subscriptionStatus, type SubscriptionStatus } from "@/lib/db/schema";
import { countPlansByStatus, type PlanCounts } from "@/lib/plans/queries";
import { seoulDateKey } from "@/lib/format";
import { foldFigures } from "./figures";

export type DashboardStats = {
  subscriptionsByStatus: Record<SubscriptionStatus, number>;
  plans: PlanCounts;
  /** KRW per month, integer won (see mrrSql for the normalisation and rounding). */
  mrr: number;
  /**
   * The same figure for subscriptions whose last period was paid in test mode (the sandbox, a
   * test key): shown apart so a demo store still sees its numbers move, never added to `mrr`.
   */
  testModeMrr: number;
  /** Subscriptions created on the last 30 Seoul days that started (paid or began a trial). */
  newLast30Days: number;
  /** Subscriptions that started at some point and ended on the last 30 Seoul days. */
  churnedLast30Days: number;
};

// Monthly recurring revenue: every subscription that is paying (active, or past_due while the
// dunning retries run) contributes its own price_amount — the price it actually pays, which
// after a price rise may be below the plan's — normalised to one month:
//   day   × 30.4375 / count   (30.4375 = 365.25 / 12 days in an average month)
//   week  × 4.348   / count   (weeks in an average month, rounded to three places)
//   month           / count
//   year  / 12      / count
// Trials pay nothing yet and are left out. The sum is exact (numeric) and rounded once, half
// away from zero, to whole won; rounding each subscription first would drift by up to 0.5원 per
// subscriber.
//
// Test mode has one rule across the dashboard (issue 13): a charge's own test_mode is the fact
// of record. Revenue leaves out test-mode charges; MRR leaves out subscriptions whose billing
// is not live, i.e. whose last paid period was paid by a test-mode charge
// (subscriptions.paid_in_test_mode). So when every live subscription has renewed once in the
// last 30 days at its monthly price, MRR equals 30-day revenue to the won.
//
// Every figure is read from the maintained subscription_figures (migration 0016,
// docs/admin-at-scale.md), a few hundred rows, not from the subscriptions themselves. New and
// churned count the last 30 Seoul calendar days, today included, like the revenue chart.

type StatsRow = {
  mrr: string;
  test_mode_mrr: string;
  new_last_30_days: number;
  churned_last_30_days: number;
} & Record<SubscriptionStatus, number>;

/** The admin dashboard's figures, from the maintained subscription figures. */
export async function getDashboardStats(
  options: { now?: Date } = {},
  executor: Executor = db(),
): Promise<DashboardStats> {
  const now = options.now ?? new Date();
  const today = seoulDateKey(now);
  const statusCounts = subscriptionStatus.enumValues.map(
    (status) =>
      sql`coalesce(sum(f.subscriptions) filter (where f.kind = 'state' and f.status = ${status}), 0)::int as ${sql.identifier(status)}`,
  );
  const mrr = (live: boolean) => sql`coalesce(round(sum(f.mrr) filter (
      where f.kind = 'state' and f.status in ('active', 'past_due') and f.live = ${live}
    )), 0)::text`;
  const inWindow = sql`f.day between ${today}::date - 29 and ${today}::date`;
  await foldFigures(executor);
  const [rows, plans] = await Promise.all([
    executor.execute<StatsRow>(sql`
      select
        ${sql.join(statusCounts, sql`, `)},
        ${mrr(true)} as mrr,
        ${mrr(false)} as test_mode_mrr,
        coalesce(sum(f.subscriptions) filter (where f.kind = 'started' and ${inWindow}), 0)::int
          as new_last_30_days,
        coalesce(sum(f.subscriptions) filter (where f.kind = 'ended' and ${inWindow}), 0)::int
          as churned_last_30_days
      from subscription_figures f
    `),
    countPlansByStatus(executor),
  ]);
  const row = rows[0];
  if (!row) throw new Error("dashboard stats query returned no row");
  const subscriptionsByStatus = Object.fromEntries(
    subscriptionStatus.enumValues.map((status) => [status, row[status]]),
  ) as Record<SubscriptionStatus, number>;
  return {
    subscriptionsByStatus,
    plans,
    mrr: Number(row.mrr),
    testModeMrr: Number(row.test_mode_mrr),
    newLast30Days: row.new_last_30_days,
    churnedLast30Days: row.churned_last_30_days,
  };
}
