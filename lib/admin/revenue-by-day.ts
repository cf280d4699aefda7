import { sql } from "drizzle-orm";
import { seoulDateKey } from "@/lib/format";
import { db, type Executor } from "@/lib/db/client";
import { foldFigures } from "./figures";

export type RevenueDay = {
  /** Asia/Seoul calendar date, yyyy-MM-dd. */
  day: string;
  gross: number; // KRW, succeeded charges approved that day
  refunded: number; // KRW, succeeded refunds completed that day
  net: number; // KRW, gross − refunded (negative on a day with more refunds than sales)
};

export type RevenueSeries = {
  days: RevenueDay[];
  totalGross: number; // KRW
  totalRefunded: number; // KRW
  totalNet: number; // KRW
  // KRW, succeeded test-mode charges in the window: no money moved, so never in the figures
  // above; told apart so a demo store can say what it left out.
  testModeGross: number;
};

// Test-mode charges (charge_attempts.test_mode: the sandbox or a test key) moved no money and
// are never revenue, nor are refunds of them.
//
// Read from the maintained figures (migration 0016, docs/admin-at-scale.md): succeeded charges
// by the Seoul day the provider approved them (charge_figures.approved_day) and succeeded
// refunds by the Seoul day they completed (refund_figures), a few rows per day.

/**
 * Revenue per Asia/Seoul day for the `days` days ending today (today included): succeeded
 * charges minus succeeded refunds. Days without money are present as 0, so the series always
 * has exactly `days` entries, oldest first.
 */
export async function getRevenueByDay(
  input: { days: number; now?: Date },
  executor: Executor = db(),
): Promise<RevenueSeries> {
  const { days } = input;
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    throw new RangeError(`days must be an integer from 1 to 366, got ${days}`);
  }
  const today = seoulDateKey(input.now ?? new Date());
  await foldFigures(executor);
  const rows = await executor.execute<{
    day: string;
    gross: string;
    refunded: string;
    test_gross: string;
  }>(sql`
    with bounds as (
      select ${today}::date - ${days - 1}::int as first_day, ${today}::date as last_day
    ),
    charged as (
      select f.approved_day as day,
             sum(f.amount) filter (where not f.test_mode) as amount,
             sum(f.amount) filter (where f.test_mode) as test_amount
      from charge_figures f, bounds b
      where f.status = 'succeeded' and f.approved_day between b.first_day and b.last_day
      group by 1
    ),
    refunded as (
      select f.day, sum(f.amount) as amount
      from refund_figures f, bounds b
      where not f.test_mode and f.day between b.first_day and b.last_day
      group by 1
    )
    select to_char(d.day, 'YYYY-MM-DD') as day,
           coalesce(c.amount, 0)::text as gross,
           coalesce(r.amount, 0)::text as refunded,
           coalesce(c.test_amount, 0)::text as test_gross
    from bounds b,
         generate_series(b.first_day, b.last_day, interval '1 day') as g(ts),
         lateral (select g.ts::date as day) d
    left join charged c on c.day = d.day
    left join refunded r on r.day = d.day
    order by d.day
  `);
  const series = rows.map((row) => {
    const gross = Number(row.gross);
    const refunded = Number(row.refunded);
    return { day: row.day, gross, refunded, net: gross - refunded };
  });
  return {
    days: series,
    totalGross: series.reduce((sum, d) => sum + d.gross, 0),
    totalRefunded: series.reduce((sum, d) => sum + d.refunded, 0),
    totalNet: series.reduce((sum, d) => sum + d.net, 0),
    testModeGross: rows.reduce((sum, row) => sum + Number(row.test_gross), 0),
  };
}
