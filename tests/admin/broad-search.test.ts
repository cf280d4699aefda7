// Searches at scale (docs/admin-at-scale.md): a text that matches more than 5,000 customers is
// checked row by row and counted only to 100 ("100건 이상"); a two-character Korean name
// part is found through the name-bigram index; an order id or refund number still finds its row.
import { sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { listCharges, parseChargeListParams } from "@/lib/admin/charges";
import { SEARCH_COUNT_CAP } from "@/lib/admin/list/customer-search";
import { listSubscribers } from "@/lib/admin/list-subscribers";
import { listRefunds, parseRefundListParams } from "@/lib/admin/refunds";
import { parseSubscriberListParams } from "@/lib/admin/subscriber-list-params";
import { db } from "@/lib/db/client";
import { insertPlan, resetData } from "./subscribers-fixtures";

const CUSTOMERS = 5_200;

beforeAll(async () => {
  await resetData();
  const plan = await insertPlan({ amount: 9_900, interval: "month" });
  // 5,200 customers at naver.com, one of them 이민준, each with a subscription and a charge; the
  // charge of the first is refunded.
  await db().execute(sql`
    insert into users (id, name, email, provider_customer_id)
    select 'bs' || i, case when i = 7 then '이민준' else '고객' || i end,
           'customer' || i || '@naver.com', 'cus_bs' || i
    from generate_series(1, ${CUSTOMERS}) i`);
  await db().execute(sql`
    insert into subscriptions (id, user_id, plan_id, status, price_amount, period_number)
    select md5('bs' || i)::uuid, 'bs' || i, ${plan.id}, 'active', 9900, 1
    from generate_series(1, ${CUSTOMERS}) i`);
  await db().execute(sql`
    insert into charge_attempts (subscription_id, user_id, provider, order_id, period_number,
                                 attempt_number, amount, status, approved_at)
    select md5('bs' || i)::uuid, 'bs' || i, 'toss_pay', 'order_bs_' || i, 1, 1, 9900,
           'succeeded', now()
    from generate_series(1, ${CUSTOMERS}) i`);
  await db().execute(sql`
    insert into refunds (charge_attempt_id, refund_no, amount, status)
    select id, 'refund_bs_1', 9900, 'succeeded' from charge_attempts where order_id = 'order_bs_1'`);
});

test("a text matching more than 5,000 customers lists their rows and says 100건 이상", async () => {
  const subscribers = await listSubscribers(parseSubscriberListParams({ q: "naver" }));
  expect(subscribers).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
  expect(subscribers.rows).toHaveLength(25);
  expect(subscribers.rows.every((row) => row.email.endsWith("@naver.com"))).toBe(true);

  const charges = await listCharges(parseChargeListParams({ q: "naver" }));
  expect(charges.totals).toMatchObject({
    count: SEARCH_COUNT_CAP,
    countCapped: true,
    amount: null,
  });
  expect(charges.rows).toHaveLength(25);

  const refunds = await listRefunds(parseRefundListParams({ q: "naver" }));
  expect(refunds.rows.map((row) => row.refundNo)).toEqual(["refund_bs_1"]);
});

test("a two-character Korean name part, an order id and a refund number each find their row", async () => {
  const byName = await listSubscribers(parseSubscriberListParams({ q: "민준" }));
  expect(byName.rows.map((row) => row.name)).toEqual(["이민준"]);
  expect(byName).toMatchObject({ total: 1, totalCapped: false });

  const byOrder = await listCharges(parseChargeListParams({ q: "order_bs_42" }));
  expect(byOrder.rows.map((row) => row.orderId)).toEqual(["order_bs_42"]);
  expect(byOrder.totals).toMatchObject({ count: 1, amount: 9_900 });

  const byRefundNo = await listRefunds(parseRefundListParams({ q: "refund_bs_1" }));
  expect(byRefundNo.rows).toHaveLength(1);
  const byRefundOrder = await listRefunds(parseRefundListParams({ q: "order_bs_1" }));
  expect(byRefundOrder.rows).toHaveLength(1);
});
