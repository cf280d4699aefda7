// The maintained admin figures (charge_figures, refund_figures, subscription_figures; migration
// 0016) against a from-scratch recomputation over the base tables, after each of a series of
// real engine operations on the sandbox: renewals that succeed and fail, a full and a partial
// refund, a plan change with its proration charge, a cancellation, and a fold in between; and
// the open failures the dashboard's 조치가 필요한 결제 reads (open_charge_failures).
import { inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { foldFigures } from "@/lib/admin/figures";
import { changePlan } from "@/lib/billing/change-plan";
import { chargeOutstandingPeriod } from "@/lib/billing/charge-outstanding-period";
import { db } from "@/lib/db/client";
import { chargeAttempts, users } from "@/lib/db/schema";
import { runBilling } from "@/lib/jobs/run-billing";
import { refundCharge } from "@/lib/refunds/refund-charge";
import { cancelSubscription } from "@/lib/subscriptions/cancel-subscription";
import {
  attemptsOf,
  createPlan,
  createSubscriber,
  startBillingHarness,
  type BillingHarness,
} from "../billing/support/billing-harness";

let harness: BillingHarness;
beforeAll(async () => {
  harness = await startBillingHarness();
});
afterAll(() => harness.close());

const DAY = 24 * 60 * 60 * 1000;

// Each figure summed by key from the maintained rows, and the same computed from the rows they
// describe, written out here independently of the triggers' functions.
async function maintainedAndRecomputed() {
  const seoulDay = (column: string) => `(${column} at time zone 'Asia/Seoul')::date`;
  const charges = `
    select ${seoulDay("created_at")} as created_day,
           case when status = 'succeeded' then ${seoulDay("approved_at")} end as approved_day,
           provider::text, status::text,
           case when refunded_amount = 0 then 'none' when refunded_amount < amount then 'partial'
                else 'full' end as refund_state,
           test_mode, count(*)::int as attempts, sum(amount)::bigint as amount,
           sum(refunded_amount)::bigint as refunded
    from charge_attempts group by 1, 2, 3, 4, 5, 6`;
  const chargeFigures = `
    select created_day, approved_day, provider::text, status::text, refund_state, test_mode,
           sum(attempts)::int as attempts, sum(amount)::bigint as amount,
           sum(refunded)::bigint as refunded
    from charge_figures group by 1, 2, 3, 4, 5, 6
    having sum(attempts) <> 0 or sum(amount) <> 0 or sum(refunded) <> 0`;
  const refunds = `
    select ${seoulDay("coalesce(r.completed_at, r.created_at)")} as day, c.provider::text,
           c.test_mode, count(*)::int as refunds, sum(r.amount)::bigint as amount
    from refunds r join charge_attempts c on c.id = r.charge_attempt_id
    where r.status = 'succeeded' group by 1, 2, 3`;
  const refundFigures = `
    select day, provider::text, test_mode, sum(refunds)::int as refunds,
           sum(amount)::bigint as amount
    from refund_figures group by 1, 2, 3 having sum(refunds) <> 0 or sum(amount) <> 0`;
  // MRR of every subscription as the dashboard defined it before the figures existed, with the
  // test mode of the charge that last paid a period.
  const subscriptions = `
    select s.status::text, s.plan_id, pm.provider::text,
           not coalesce((select c.test_mode from charge_attempts c
                         where c.subscription_id = s.id and c.status = 'succeeded'
                           and c.purpose = 'period'
                         order by c.period_number desc limit 1), false) as live,
           count(*)::int as subscriptions,
           sum(case p.interval when 'day' then s.price_amount * 30.4375 / p.interval_count
                               when 'week' then s.price_amount * 4.348 / p.interval_count
                               when 'month' then s.price_amount::numeric / p.interval_count
                               else s.price_amount::numeric / 12 / p.interval_count end)::text as mrr,
           count(*) filter (where s.period_number > 0 or s.trial_start is not null)::int as started,
           count(*) filter (where (s.period_number > 0 or s.trial_start is not null)
                              and s.status = 'canceled' and s.ended_at is not null)::int as ended
    from subscriptions s join plans p on p.id = s.plan_id
    left join payment_methods pm on pm.id = s.payment_method_id
    group by 1, 2, 3, 4`;
  const subscriptionFigures = `
    select status::text, plan_id, provider::text, live, sum(subscriptions)::int as subscriptions,
           sum(mrr)::text as mrr
    from subscription_figures where kind = 'state' group by 1, 2, 3, 4
    having sum(subscriptions) <> 0 or sum(mrr) <> 0`;
  const days = `
    select kind, day, sum(subscriptions)::int as n from subscription_figures
    where kind in ('started', 'ended') group by 1, 2 having sum(subscriptions) <> 0`;
  const expectedDays = `
    select 'started' as kind, ${seoulDay("created_at")} as day, count(*)::int as n
    from subscriptions where period_number > 0 or trial_start is not null group by 2
    union all
    select 'ended', ${seoulDay("ended_at")}, count(*)::int from subscriptions
    where (period_number > 0 or trial_start is not null) and status = 'canceled'
      and ended_at is not null group by 2`;
  // Failures whose period (or proration) is unpaid, of subscriptions that have not ended.
  const openFailures = `select attempt_id as id from open_charge_failures`;
  const expectedOpenFailures = `
    select c.id from charge_attempts c join subscriptions s on s.id = c.subscription_id
    where c.status = 'failed' and s.status <> 'canceled'
      and (c.purpose <> 'period' or c.period_number > s.period_number)
      and not exists (select 1 from charge_attempts paid
                      where paid.subscription_id = c.subscription_id
                        and paid.status = 'succeeded' and paid.purpose = c.purpose
                        and (paid.period_number = c.period_number
                             or (c.purpose = 'period' and paid.period_number > c.period_number)))`;
  const rows = async (query: string) =>
    [...(await db().execute<Record<string, unknown>>(sql.raw(query)))]
      .map((row) => JSON.stringify(row, Object.keys(row).sort()))
      .sort();
  const normalised = async (query: string) =>
    (await rows(query)).map((row) => {
      // numeric sums print with different scales ("9900" vs "9900.0000…"): compare as numbers.
      const parsed = JSON.parse(row) as Record<string, unknown>;
      if (typeof parsed.mrr === "string") parsed.mrr = Number(parsed.mrr).toFixed(6);
      delete parsed.started;
      delete parsed.ended;
      return JSON.stringify(parsed);
    });
  return {
    maintained: {
      charges: await rows(chargeFigures),
      refunds: await rows(refundFigures),
      subscriptions: (await normalised(subscriptionFigures)).sort(),
      days: await rows(days),
      openFailures: await rows(openFailures),
    },
    recomputed: {
      charges: await rows(charges),
      refunds: await rows(refunds),
      subscriptions: (await normalised(subscriptions)).sort(),
      days: await rows(expectedDays),
      openFailures: await rows(expectedOpenFailures),
    },
  };
}

async function expectFiguresMatch() {
  const { maintained, recomputed } = await maintainedAndRecomputed();
  expect(maintained).toEqual(recomputed);
}

it("the maintained figures equal a from-scratch recomputation after each engine operation", async () => {
  const [admin] = await db()
    .insert(users)
    .values({ email: `admin-${Date.now()}@example.com`, role: "admin" })
    .returning();
  const basic = await createPlan({ amount: 9_900 });
  const pro = await createPlan({ name: "프로", amount: 19_900 });
  const now = new Date();
  const periodStart = new Date(now.getTime() - 31 * DAY);
  const periodEnd = new Date(now.getTime() - DAY);
  const subscriber = (instrument?: string) =>
    createSubscriber({
      sandboxUrl: harness.sandboxUrl,
      plan: basic,
      periodStart,
      periodEnd,
      instrument,
    });
  const [paying, refunded, declined, upgrading, leaving] = [
    await subscriber(),
    await subscriber(),
    await subscriber(harness.instrument("insufficient")),
    await subscriber(),
    await subscriber(),
  ];
  await expectFiguresMatch();

  // Renewals: four succeed, one is declined (the subscription goes past_due).
  for (const s of [paying, refunded, declined, upgrading, leaving]) {
    await chargeOutstandingPeriod(s.subscription.id, { now, providerFor: harness.providerFor });
  }
  expect((await attemptsOf(declined.subscription.id)).map((a) => a.status)).toEqual(["failed"]);
  await expectFiguresMatch();

  // A full refund and a partial one.
  const [refundedCharge] = await attemptsOf(refunded.subscription.id);
  await refundCharge({
    chargeAttemptId: refundedCharge!.id,
    reason: "고객 요청",
    actorUserId: admin!.id,
    providerFor: harness.providerFor,
  });
  const [partlyRefunded] = await attemptsOf(paying.subscription.id);
  await refundCharge({
    chargeAttemptId: partlyRefunded!.id,
    amount: 3_000,
    reason: "부분 환불",
    actorUserId: admin!.id,
    providerFor: harness.providerFor,
  });
  await expectFiguresMatch();

  // Folding changes no sum.
  await foldFigures(db());
  await expectFiguresMatch();

  // An upgrade, charged for the prorated difference; then a cancellation that ends at once.
  const outcome = await changePlan(
    { userId: upgrading.userId, planId: pro.id, actor: `customer:${upgrading.userId}` },
    { now, providerFor: harness.providerFor },
  );
  expect(outcome.kind).toBe("upgraded");
  await cancelSubscription(leaving.subscription.id, {
    actor: { kind: "admin", userId: admin!.id },
    atPeriodEnd: false,
    reason: "고객 요청",
  });
  await expectFiguresMatch();
  await foldFigures(db());
  await expectFiguresMatch();

  // The comparison is not vacuous: every kind of figure is there, and one won off is caught.
  const { maintained } = await maintainedAndRecomputed();
  const charges = maintained.charges.join("\n");
  for (const fact of ['"status":"failed"', '"refund_state":"full"', '"refund_state":"partial"']) {
    expect(charges).toContain(fact);
  }
  expect(maintained.refunds).toHaveLength(1); // one day, one provider: both refunds
  expect(maintained.days.join()).toContain('"kind":"ended"');
  expect(maintained.openFailures).toHaveLength(1); // the declined renewal, still unpaid
  await db().execute(sql`
    insert into refund_figures (day, provider, test_mode, refunds, amount)
    select day, provider, test_mode, 0, 1 from refund_figures limit 1`);
  const tampered = await maintainedAndRecomputed();
  expect(tampered.maintained.refunds).not.toEqual(tampered.recomputed.refunds);
  // The next test shares this database.
  await db().execute(sql`delete from refund_figures where refunds = 0 and amount = 1`);
  await expectFiguresMatch();
});

// The charge figures' triggers run once per statement (migration 0018), and the billing run
// reserves and settles many attempts per statement: a batch's pending rows in one INSERT, its
// successes closed in one UPDATE. Those statements, an UPDATE that touches contributing columns
// of some rows and not others, and a multi-row DELETE must keep every figure exact.
it("a billing run's multi-row statements keep the figures exact", async () => {
  const plan = await createPlan({ amount: 12_900 });
  const now = new Date();
  const periodStart = new Date(now.getTime() - 31 * DAY);
  const periodEnd = new Date(now.getTime() - DAY);
  const subscribers = [];
  for (let i = 0; i < 9; i++) {
    subscribers.push(
      await createSubscriber({
        sandboxUrl: harness.sandboxUrl,
        plan,
        periodStart,
        periodEnd,
        instrument: i % 4 === 3 ? harness.instrument("insufficient") : undefined,
      }),
    );
  }
  const { rows: appendedBefore } = await figureRowCount();
  const summary = await runBilling({
    now,
    providerFor: harness.providerFor,
    sweepRegistrations: false,
  });
  expect(summary.succeeded).toBe(7);
  expect(summary.declined).toBe(2);
  await expectFiguresMatch();
  // Once per statement: fewer rows appended than the three per charge of a row trigger.
  const { rows: appendedAfter } = await figureRowCount();
  expect(appendedAfter - appendedBefore).toBeLessThan(3 * 9);

  const ids = subscribers.map((s) => s.subscription.id);
  const attempts = await db()
    .select({ id: chargeAttempts.id, status: chargeAttempts.status })
    .from(chargeAttempts)
    .where(inArray(chargeAttempts.subscriptionId, ids));
  expect(attempts).toHaveLength(9);
  // One statement: every attempt's raw answer (no figure changes) and two refund amounts.
  const refundedIds = attempts
    .filter((a) => a.status === "succeeded")
    .slice(0, 2)
    .map((a) => a.id);
  await db().execute(sql`
    update charge_attempts
    set raw_response = coalesce(raw_response, '{}'::jsonb) || '{"checked": true}'::jsonb,
        refunded_amount = case when id in (${sql.join(
          refundedIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )}) then 1000 else refunded_amount end
    where subscription_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  await expectFiguresMatch();
  const { rows: beforeNoop } = await figureRowCount();
  await db().execute(sql`
    update charge_attempts set raw_response = raw_response
    where subscription_id in (${sql.join(
      ids.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  expect((await figureRowCount()).rows).toBe(beforeNoop); // nothing changed, nothing appended

  // The declined attempts (deleting a paid one would leave paid_in_test_mode, which nothing
  // in the app does).
  const declinedIds = attempts.filter((a) => a.status === "failed").map((a) => a.id);
  expect(declinedIds).toHaveLength(2);
  await db().delete(chargeAttempts).where(inArray(chargeAttempts.id, declinedIds));
  await expectFiguresMatch();
  await foldFigures(db());
  await expectFiguresMatch();
});

async function figureRowCount(): Promise<{ rows: number }> {
  const [row] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from charge_figures`,
  );
  return { rows: row!.n };
}
