import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import type { ChargeAttempt, SubscriptionStatus } from "@/lib/db/schema";
import { timestampParam } from "./sql-timestamp";

export type AttentionCharge = {
  attemptId: string;
  orderId: string;
  subscriptionId: string;
  subscriptionStatus: SubscriptionStatus;
  email: string;
  name: string | null;
  amount: number; // KRW
  status: Extract<ChargeAttempt["status"], "failed" | "unknown" | "pending">;
  failureCategory: ChargeAttempt["failureCategory"];
  errorCode: string | null;
  errorMessage: string | null;
  createdAt: Date;
};

export type FailedChargesNeedingAttention = {
  /** The latest such attempt per subscription, most recent first, at most `limit`. */
  items: AttentionCharge[];
  /** Subscriptions with such an attempt, for "N건 중 최근 10건". */
  total: number;
  /** Attempts whose outcome is not known yet (the billing health panel's 결과 확인 중). */
  unresolved: number;
  /** Live subscriptions stopped until the customer links a new method. */
  needsNewMethod: number;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Charge attempts whose outcome is not known yet, and recent ones (last 30 days) that failed
 * and whose period is still unpaid, with the subscriber; and how many live subscriptions wait
 * for a new method.
 */
export async function getFailedChargesNeedingAttention(
  options: { now?: Date; limit?: number } = {},
  executor: Executor = db(),
): Promise<FailedChargesNeedingAttention> {
  const now = options.now ?? new Date();
  const limit = options.limit ?? 10;
  const since = new Date(now.getTime() - 30 * DAY_MS);
  // An attempt is listed when its outcome is not known yet (pending or unknown, however recent:
  // the dashboard's 정기결제 실행 상태 counts exactly these as 결과 확인 중, and the two cards
  // must agree), or when it failed in the last 30 days, its subscription has not ended, and
  // what it was for is still unpaid: a renewal's period is paid once the subscription's
  // period_number reaches it (no lookup of other attempts needed); a proration is paid by a
  // later success for the same period. `s` is the attempt's subscription.
  // Two small halves (an OR of them would read every attempt): the unresolved attempts
  // (charge_attempts_unresolved_idx) and the open failures of the last 30 days
  // (open_charge_failures: failures whose period or proration is not paid yet, of subscriptions
  // that have not ended, kept by triggers, with the attempt's purpose and period), as (attempt,
  // subscription, created_at). The conditions are checked here again against the subscription,
  // so the open failures only narrow what is read; attempts are read for the listed rows only.
  const attention = sql`(
    select c.id as attempt_id, c.subscription_id, c.created_at
    from charge_attempts c
    where c.status in ('pending', 'unknown')
    union all
    select f.attempt_id, f.subscription_id, f.created_at
    from open_charge_failures f
    -- One primary-key lookup per failure (LIMIT keeps PostgreSQL from turning it into a hash
    -- join over every subscription).
    cross join lateral (
      select sub.status, sub.period_number from subscriptions sub
      where sub.id = f.subscription_id limit 1
    ) s
    where f.created_at >= ${timestampParam(since)}
      and s.status <> 'canceled'
      and case
        when f.purpose = 'period' then f.period_number > s.period_number
        else not exists (
          select 1 from charge_attempts paid
          where paid.subscription_id = f.subscription_id
            and paid.purpose = 'proration'
            and paid.period_number = f.period_number
            and paid.status = 'succeeded'
        )
      end
  )`;

  const [items, counts] = await Promise.all([
    executor.execute<{
      attempt_id: string;
      order_id: string;
      subscription_id: string;
      subscription_status: SubscriptionStatus;
      email: string;
      name: string | null;
      amount: number;
      status: AttentionCharge["status"];
      failure_category: ChargeAttempt["failureCategory"];
      error_code: string | null;
      error_message: string | null;
      created_at: string;
    }>(sql`
      with latest as (
        -- The latest such attempt per subscription: four dunning failures are one problem.
        select distinct on (a.subscription_id) a.attempt_id, a.created_at
        from ${attention} a
        order by a.subscription_id, a.created_at desc
      ), listed as (
        select * from latest order by created_at desc limit ${limit}
      )
      select c.id as attempt_id, c.order_id, c.subscription_id,
             s.status as subscription_status, u.email, u.name, c.amount, c.status,
             c.failure_category, c.error_code, c.error_message, c.created_at
      from listed
      join charge_attempts c on c.id = listed.attempt_id
      join subscriptions s on s.id = c.subscription_id
      join users u on u.id = c.user_id
      order by listed.created_at desc
    `),
    executor.execute<{ total: number; unresolved: number; needs_new_method: number }>(sql`
      select
        (select count(distinct a.subscription_id)::int from ${attention} a) as total,
        (select count(*)::int from charge_attempts c
          where c.status in ('pending', 'unknown')) as unresolved,
        -- A live subscription's latest attempt that failed is an open failure (nothing paid
        -- after it): the candidates are the open failures that need a new method, each checked
        -- for being its subscription's latest attempt.
        (select count(distinct f.subscription_id)::int
           from open_charge_failures f
           join subscriptions s on s.id = f.subscription_id
           cross join lateral (
             select latest.id from charge_attempts latest
             where latest.subscription_id = f.subscription_id
             order by latest.created_at desc
             limit 1
           ) l
          where f.failure_category = 'needs_new_method'
            and s.status in ('past_due', 'unpaid') and l.id = f.attempt_id
        ) as needs_new_method
    `),
  ]);
  return {
    items: items.map((row) => ({
      attemptId: row.attempt_id,
      orderId: row.order_id,
      subscriptionId: row.subscription_id,
      subscriptionStatus: row.subscription_status,
      email: row.email,
      name: row.name,
      amount: row.amount,
      status: row.status,
      failureCategory: row.failure_category,
      errorCode: row.error_code,
      errorMessage: row.error_message,
      createdAt: new Date(row.created_at),
    })),
    total: counts[0]?.total ?? 0,
    unresolved: counts[0]?.unresolved ?? 0,
    needsNewMethod: counts[0]?.needs_new_method ?? 0,
  };
}
