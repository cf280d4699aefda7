import postgres from "postgres";

// Seeds an admin-at-scale data set (npm run bench:admin) with set-based SQL: `subscriptions`
// customers, each with one payment method and one subscription, and `charges` charge attempts
// spread over their subscriptions (period 1, 2, … of each), over two years; refunds of about
// 2.5 % of the successful charges, provider events, notifications and audit rows.
//
// Distributions are roughly a live store's: 70 % of subscriptions active, 18 % canceled, the
// rest trialing, past due, unpaid or incomplete; 50 / 35 / 15 % Toss Pay / Toss Payments /
// PortOne; 3 % of methods (and so their charges) in test mode; 90 % of attempts succeed, and a
// few dozen are left unresolved (pending or unknown resolve within a billing run or two).
// Customers have Korean names (김민준) and romanised emails (kim.minjun123@naver.com), so the
// searches have something realistic to find.
//
// Speed: the secondary indexes of the seeded tables are dropped before the load and rebuilt
// after it (one sort each instead of 5,000,000 inserts each), and the load runs with
// session_replication_role = replica, which skips foreign-key and other triggers: the rows are
// consistent by construction. Anything a trigger would have maintained is rebuilt afterwards
// (`rebuildMaintained`).

const SEEDED_TABLES = [
  "users",
  "payment_methods",
  "subscriptions",
  "charge_attempts",
  "refunds",
  "provider_events",
  "notifications",
  "audit_log",
] as const;

const FAMILY = [
  ["김", "kim"],
  ["이", "lee"],
  ["박", "park"],
  ["최", "choi"],
  ["정", "jung"],
  ["강", "kang"],
  ["조", "cho"],
  ["윤", "yoon"],
  ["장", "jang"],
  ["임", "lim"],
  ["한", "han"],
  ["오", "oh"],
  ["서", "seo"],
  ["신", "shin"],
  ["권", "kwon"],
  ["황", "hwang"],
  ["안", "ahn"],
  ["송", "song"],
  ["류", "ryu"],
  ["홍", "hong"],
];
const GIVEN = [
  ["민", "min"],
  ["서", "seo"],
  ["지", "ji"],
  ["현", "hyun"],
  ["준", "jun"],
  ["우", "woo"],
  ["예", "ye"],
  ["하", "ha"],
  ["수", "su"],
  ["영", "young"],
  ["윤", "yun"],
  ["도", "do"],
  ["은", "eun"],
  ["진", "jin"],
  ["혜", "hye"],
  ["연", "yeon"],
  ["성", "sung"],
  ["유", "yu"],
  ["재", "jae"],
  ["아", "a"],
];
const DOMAINS = ["naver.com", "gmail.com", "daum.net", "kakao.com", "hanmail.net", "nate.com"];

const textArray = (values: string[]) =>
  `array[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(",")}]::text[]`;

/** The plans the seed uses (slug, name, amount, interval), in the order of their share. */
export const SEED_PLANS = [
  { slug: "bench-basic", name: "베이직", amount: 9_900, interval: "month", share: 0.5 },
  { slug: "bench-premium", name: "프리미엄", amount: 19_900, interval: "month", share: 0.3 },
  { slug: "bench-yearly", name: "연간 플랜", amount: 99_000, interval: "year", share: 0.15 },
  { slug: "bench-weekly", name: "주간 꾸러미", amount: 2_900, interval: "week", share: 0.05 },
] as const;

export async function seedAdminScale(
  databaseUrl: string,
  sizes: { subscriptions: number; charges: number },
  log: (message: string) => void,
): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const N = sizes.subscriptions;
  const M = sizes.charges;
  const step = async (label: string, query: string) => {
    const started = performance.now();
    await sql.unsafe(query);
    log(`  ${label}: ${Math.round(performance.now() - started)} ms`);
  };
  try {
    await sql.unsafe(`set maintenance_work_mem = '512MB'`);
    await sql.unsafe(`set work_mem = '256MB'`);
    // Secondary indexes (not those behind a primary key or unique constraint), to rebuild.
    const indexes = await sql<{ name: string; definition: string }[]>`
      select i.indexname as name, i.indexdef as definition
      from pg_indexes i
      where i.schemaname = 'public' and i.tablename in ${sql(SEEDED_TABLES as unknown as string[])}
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`;
    for (const index of indexes) await sql.unsafe(`drop index "${index.name}"`);
    await sql.unsafe(`set session_replication_role = replica`);
    await sql.unsafe(`select setseed(0.42)`);

    await step(
      "plans",
      `insert into plans (slug, name, description, amount, interval, status, sort_order)
       values ${SEED_PLANS.map(
         (p, i) =>
           `('${p.slug}', '${p.name}', '벤치마크 요금제', ${p.amount}, '${p.interval}', 'active', ${i})`,
       ).join(", ")}`,
    );
    const planShareCase = (r: string) => {
      let acc = 0;
      const arms = SEED_PLANS.slice(0, -1).map((p) => {
        acc += p.share;
        return `when ${r} < ${acc} then '${p.slug}'`;
      });
      return `case ${arms.join(" ")} else '${SEED_PLANS[SEED_PLANS.length - 1]!.slug}' end`;
    };

    await step(
      `users (${N} customers + 5 admins)`,
      `insert into users (id, name, email, role, provider_customer_id, email_verified, created_at, updated_at)
       select 'u' || i,
              (${textArray(FAMILY.map((f) => f[0]!))})[f] || (${textArray(GIVEN.map((g) => g[0]!))})[g1] || (${textArray(GIVEN.map((g) => g[0]!))})[g2],
              (${textArray(FAMILY.map((f) => f[1]!))})[f] || '.' || (${textArray(GIVEN.map((g) => g[1]!))})[g1] || (${textArray(GIVEN.map((g) => g[1]!))})[g2] || i || '@' || (${textArray(DOMAINS)})[d],
              'customer', 'cus_' || i, at, at, at
       from (
         select i, 1 + floor(random() * ${FAMILY.length})::int as f,
                1 + floor(random() * ${GIVEN.length})::int as g1,
                1 + floor(random() * ${GIVEN.length})::int as g2,
                1 + floor(random() * ${DOMAINS.length})::int as d,
                now() - random() * interval '730 days' - interval '1 hour' as at
         from generate_series(1, ${N}) i
       ) x;
       insert into users (id, name, email, role, provider_customer_id, created_at, updated_at)
       select 'admin' || i, '운영자' || i, 'admin' || i || '@store.example', 'admin', 'cus_admin' || i,
              now() - interval '800 days', now() - interval '800 days'
       from generate_series(1, 5) i`,
    );

    // One subscription per customer, created with its customer; its method, too.
    await step(
      "subscriptions",
      `create temporary table seed_subscriptions as
       select i, md5('s' || i)::uuid as id, md5('pm' || i)::uuid as pm_id, u.created_at as created_at,
              (select id from plans where slug = ${planShareCase("r_plan")}) as plan_id,
              case when r_status < 0.70 then 'active' when r_status < 0.73 then 'past_due'
                   when r_status < 0.75 then 'unpaid' when r_status < 0.80 then 'trialing'
                   when r_status < 0.98 then 'canceled' else 'incomplete' end::subscription_status as status,
              case when r_provider < 0.50 then 'toss_pay' when r_provider < 0.85 then 'toss_payments'
                   else 'portone' end::payment_provider as provider,
              r_test < 0.03 as test_mode, r_old_price < 0.10 as old_price, r_end
       from (select i, random() as r_plan, random() as r_status, random() as r_provider,
                    random() as r_test, random() as r_old_price, random() as r_end
             from generate_series(1, ${N}) i) x
       join users u on u.id = 'u' || x.i;
       insert into payment_methods (id, user_id, provider, provider_customer_id, billing_key_fingerprint,
              status, kind, card_company, card_number_masked, activated_at, test_mode, created_at, updated_at)
       select pm_id, 'u' || i, provider, 'cus_' || i, md5('fp' || i),
              case when status = 'canceled' then 'removed' else 'active' end::payment_method_status,
              'card', '신한카드', '4518-42**-****-' || lpad((i % 10000)::text, 4, '0'),
              created_at, test_mode, created_at, created_at
       from seed_subscriptions where status <> 'incomplete';
       insert into subscriptions (id, user_id, plan_id, payment_method_id, status, price_amount,
              period_number, current_period_start, current_period_end, billing_anchor_at,
              trial_start, trial_end, canceled_at, ended_at, next_charge_at, dunning_attempts,
              dunning_started_at, unpaid_since, incomplete_expires_at, created_at, updated_at)
       select s.id, 'u' || s.i, s.plan_id, case when s.status = 'incomplete' then null else s.pm_id end,
              s.status,
              case when s.old_price and s.status <> 'incomplete' then p.amount - 1000 else p.amount end,
              case when s.status in ('incomplete', 'trialing') then 0
                   else greatest(1, ${Math.max(1, Math.round(M / N))}) end,
              case when s.status in ('active', 'past_due', 'unpaid') then now() - interval '20 days' end,
              case when s.status in ('active', 'past_due', 'unpaid') then now() + interval '10 days' end,
              case when s.status not in ('incomplete', 'trialing') then s.created_at end,
              case when s.status = 'trialing' then now() - interval '3 days' end,
              case when s.status = 'trialing' then now() + interval '11 days' end,
              case when s.status = 'canceled' then s.created_at + (now() - s.created_at) * s.r_end end,
              case when s.status = 'canceled' then s.created_at + (now() - s.created_at) * s.r_end end,
              case when s.status in ('active', 'trialing') then now() + s.r_end * interval '30 days'
                   when s.status = 'past_due' then now() + s.r_end * interval '3 days' end,
              case when s.status = 'past_due' then 1 else 0 end,
              case when s.status = 'past_due' then now() - interval '2 days' end,
              case when s.status = 'unpaid' then now() - interval '9 days' end,
              case when s.status = 'incomplete' then s.created_at + interval '23 hours' end,
              s.created_at, s.created_at
       from seed_subscriptions s join plans p on p.id = s.plan_id`,
    );

    // Attempt k is period ⌈k / N⌉ of subscription ((k − 1) mod N) + 1: every (subscription,
    // period) has one attempt, which the one-success and one-live-per-period indexes allow.
    await step(
      `charge_attempts (${M})`,
      `insert into charge_attempts (id, subscription_id, user_id, payment_method_id, provider, order_id,
              purpose, period_number, attempt_number, amount, status, failure_category, error_code,
              error_message, provider_payment_id, provider_transaction_id, approved_at,
              refunded_amount, test_mode, sent_at, created_at, updated_at)
       select gen_random_uuid(), s.id, 'u' || s.i, s.pm_id, s.provider,
              'S' || substr(replace(s.id::text, '-', ''), 1, 12) || 'P' || x.period || 'A1',
              case when x.r_purpose < 0.02 then 'proration' else 'period' end::charge_purpose,
              x.period, 1, sub.price_amount,
              x.status::charge_status,
              case when x.status = 'failed' then
                (case when x.r_refund < 0.1 then 'needs_new_method' else 'declined' end)::charge_failure_category end,
              case when x.status = 'failed' then 'REJECT_CARD_COMPANY' end,
              case when x.status = 'failed' then '카드사에서 결제를 거절했습니다' end,
              case when x.status <> 'pending' then 'pay_' || x.k end,
              case when x.status = 'succeeded' then 'tx_' || x.k end,
              case when x.status = 'succeeded' then x.at + interval '2 seconds' end,
              case when x.status = 'succeeded' and not s.test_mode and x.r_refund < 0.015 then sub.price_amount
                   when x.status = 'succeeded' and not s.test_mode and x.r_refund < 0.025 then sub.price_amount / 2
                   else 0 end,
              s.test_mode, x.at, x.at, x.at
       from (
         select k, ((k - 1) % ${N}) + 1 as sub_i, ((k - 1) / ${N}) + 1 as period, r_purpose, r_refund,
                case when r_status < 0.90 then 'succeeded' when r_status < 0.99999 then 'failed'
                     when r_status < 0.999995 then 'unknown' else 'pending' end as status,
                r_at
         from (select k, random() as r_purpose, random() as r_refund, random() as r_status,
                      random() as r_at from generate_series(1, ${M}) k) r
       ) x0
       join seed_subscriptions s on s.i = x0.sub_i
       join subscriptions sub on sub.id = s.id
       cross join lateral (
         select x0.k, x0.period, x0.r_purpose, x0.r_refund, x0.status,
                s.created_at + (now() - s.created_at) * x0.r_at as at
       ) x`,
    );

    await step(
      "refunds",
      `insert into refunds (charge_attempt_id, refund_no, amount, reason, status, provider_transaction_id,
              refundable_after, requested_by_user_id, created_at, completed_at)
       select c.id, 'R' || substr(replace(c.id::text, '-', ''), 1, 20), c.refunded_amount, '고객 요청',
              'succeeded', 'rtx_' || c.order_id, c.amount - c.refunded_amount,
              'admin' || (1 + (abs(hashtext(c.order_id)) % 5)),
              least(now(), c.approved_at + interval '3 days'), least(now(), c.approved_at + interval '3 days')
       from charge_attempts c where c.refunded_amount > 0;
       insert into refunds (charge_attempt_id, refund_no, amount, reason, status, error_code, error_message,
              requested_by_user_id, created_at)
       select c.id, 'RF' || substr(replace(c.id::text, '-', ''), 1, 20), c.amount, '고객 요청', 'failed',
              'NOT_CANCELABLE', '취소할 수 없는 결제입니다', 'admin1',
              least(now(), c.approved_at + interval '1 day')
       from charge_attempts c
       where c.status = 'succeeded' and c.refunded_amount = 0 and hashtext(c.order_id) % 1000 = 0`,
    );

    const eventTypes = [
      ["toss_pay", "ACTIVATED"],
      ["toss_pay", "REMOVED"],
      ["toss_payments", "BILLING_DELETED"],
      ["toss_payments", "PAYMENT_STATUS_CHANGED"],
      ["portone", "BillingKey.Issued"],
      ["portone", "Transaction.Paid"],
      ["portone", "Transaction.Failed"],
      ["portone", "BillingKey.Deleted"],
    ];
    const E = Math.max(1, Math.round(N / 2));
    await step(
      `provider_events (${E})`,
      `insert into provider_events (provider, event_type, dedupe_key, payload, verified, outcome, error,
              received_at, last_received_at, processed_at)
       select (${textArray(eventTypes.map((e) => e[0]!))})[t]::payment_provider,
              case when r < 0.005 then 'invalid' else (${textArray(eventTypes.map((e) => e[1]!))})[t] end,
              'ev' || i, jsonb_build_object('eventId', 'ev' || i), r > 0.02,
              case when r < 0.01 then 'error: handler failed' else 'activated payment method' end,
              case when r between 0.005 and 0.008 then 'timeout' end,
              at, at, case when r > 0.004 then at + interval '1 second' end
       from (select i, 1 + floor(random() * ${eventTypes.length})::int as t, random() as r,
                    now() - random() * interval '730 days' as at
             from generate_series(1, ${E}) i) x`,
    );

    const kinds = [
      "receipt",
      "receipt",
      "receipt",
      "payment_failed",
      "payment_method_linked",
      "subscription_canceled",
      "refund_issued",
      "trial_ending",
    ];
    await step(
      `notifications (${N})`,
      `insert into notifications (user_id, subscription_id, kind, dedupe_key, subject, body, status, attempts,
              send_after, sent_at, created_at)
       select 'u' || u, md5('s' || u)::uuid, (${textArray(kinds)})[k]::notification_kind, 'n' || i,
              '결제 영수증', '구독 결제가 완료됐어요.',
              case when r < 0.97 then 'sent' when r < 0.99 then 'failed' else 'pending' end::notification_status,
              1, at, case when r < 0.97 then at + interval '5 seconds' end, at
       from (select i, 1 + floor(random() * ${N})::int as u, 1 + floor(random() * ${kinds.length})::int as k,
                    random() as r, now() - random() * interval '730 days' as at
             from generate_series(1, ${N}) i) x`,
    );

    const actions = [
      ["charge.refund", "charge_attempt"],
      ["refund.succeeded", "refund"],
      ["subscription.cancel", "subscription"],
      ["subscription.resume", "subscription"],
      ["subscription.move_billing_date", "subscription"],
      ["plan.update", "plan"],
      ["charges.export", "charge_attempt"],
      ["notification.resend", "notification"],
    ];
    const A = Math.max(1, Math.round(N / 10));
    await step(
      `audit_log (${A})`,
      `insert into audit_log (actor_user_id, action, target_type, target_id, before, after, ip, created_at)
       select 'admin' || (1 + i % 5), (${textArray(actions.map((a) => a[0]!))})[t],
              (${textArray(actions.map((a) => a[1]!))})[t], md5('s' || (1 + i % ${N}))::uuid::text,
              '{"status":"active"}'::jsonb, '{"status":"canceled"}'::jsonb, '203.0.113.' || (i % 250),
              now() - random() * interval '730 days'
       from (select i, 1 + floor(random() * ${actions.length})::int as t
             from generate_series(1, ${A}) i) x`,
    );

    await sql.unsafe(`set session_replication_role = origin`);
    for (const index of indexes) {
      await step(`index ${index.name}`, index.definition);
    }
    await rebuildMaintained(sql, log);
    await step("vacuum analyze", "vacuum analyze");
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/**
 * Tables that triggers keep up to date (the admin's aggregates, when the schema has them): the
 * load skipped the triggers, so they are rebuilt from the rows, as the migration's backfill does.
 */
async function rebuildMaintained(sql: postgres.Sql, log: (message: string) => void) {
  const [fn] = await sql<{ exists: boolean }[]>`
    select exists (select 1 from pg_proc where proname = 'admin_rebuild_aggregates') as exists`;
  if (!fn?.exists) return;
  const started = performance.now();
  await sql`select admin_rebuild_aggregates()`;
  log(`  admin_rebuild_aggregates(): ${Math.round(performance.now() - started)} ms`);
}
