import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { subscriptionStatus, type SubscriptionStatus } from "@/lib/db/schema";
import { countPlansByStatus, type PlanCounts } from "@/lib/plans/queries";
import { timestampParam } from "./sql-timestamp";

export type DashboardStats = {
  subscriptionsByStatus: Record<SubscriptionStatus, number>;
  plans: PlanCounts;
  /** KRW per month, integer won (see mrrSql for the normalisation and rounding). */
  mrr: number;
  /**
   * The same figure for subscriptions paying through a test-mode method (the sandbox): shown
   * apart so a demo store still sees its numbers move, and never added to `mrr`.
   */
  testModeMrr: number;
  /** Subscriptions that started (paid or began a trial) in the last 30 days. */
  newLast30Days: number;
  /** Subscriptions that started at some point and ended in the last 30 days. */
  churnedLast30Days: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

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
// A subscription whose payment method was registered in test mode (the sandbox, a test key)
// pays nothing real, so it is not revenue (issue 8): it is summed apart, as test-mode MRR.
const mrrSql = (testMode: boolean) => sql`coalesce(round(sum(
  case p.interval
    when 'day' then s.price_amount * 30.4375 / p.interval_count
    when 'week' then s.price_amount * 4.348 / p.interval_count
    when 'month' then s.price_amount::numeric / p.interval_count
    when 'year' then s.price_amount::numeric / 12 / p.interval_count
  end
) filter (
  where s.status in ('active', 'past_due')
    and coalesce(pm.test_mode, false) = ${testMode}
)), 0)::text`;

// A subscription "started" when it paid a first period or began a trial; an `incomplete` one
// that expired never did, so it counts neither as new nor as churned.
const STARTED_SQL = sql`(s.period_number > 0 or s.trial_start is not null)`;

type StatsRow = {
  mrr: string;
  test_mode_mrr: string;
  new_last_30_days: number;
  churned_last_30_days: number;
} & Record<SubscriptionStatus, number>;

/**
 * The admin dashboard's figures, each computed by PostgreSQL in one pass over subscriptions
 * (no rows reach JavaScript): counts per state, MRR, new and churned subscribers.
 */
export async function getDashboardStats(
  options: { now?: Date } = {},
  executor: Executor = db(),
): Promise<DashboardStats> {
  const now = options.now ?? new Date();
  const since = new Date(now.getTime() - 30 * DAY_MS);
  const statusCounts = subscriptionStatus.enumValues.map(
    (status) => sql`count(*) filter (where s.status = ${status})::int as ${sql.identifier(status)}`,
  );
  const [rows, plans] = await Promise.all([
    executor.execute<StatsRow>(sql`
      select
        ${sql.join(statusCounts, sql`, `)},
        ${mrrSql(false)} as mrr,
        ${mrrSql(true)} as test_mode_mrr,
        count(*) filter (
          where ${STARTED_SQL} and s.created_at >= ${timestampParam(since)} and s.created_at <= ${timestampParam(now)}
        )::int as new_last_30_days,
        count(*) filter (
          where ${STARTED_SQL} and s.status = 'canceled'
            and s.ended_at >= ${timestampParam(since)} and s.ended_at <= ${timestampParam(now)}
        )::int as churned_last_30_days
      from subscriptions s
      join plans p on p.id = s.plan_id
      left join payment_methods pm on pm.id = s.payment_method_id
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
