// The cases of npm run bench:admin (scripts/bench-admin.ts): each calls the lib function an admin
// page calls, with parameters parsed by the page's own parser from a query string, and returns a
// short note (rows, total) so a case that matched nothing is visible in the output.
import { sql } from "drizzle-orm";
import { parseAuditListParams, listAuditLog } from "@/lib/admin/audit";
import { exportCharges, listCharges, parseChargeListParams } from "@/lib/admin/charges";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { listProviderEvents, parseEventListParams } from "@/lib/admin/events";
import { getFailedChargesNeedingAttention } from "@/lib/admin/failed-charges-needing-attention";
import { getSetupChecklist } from "@/lib/admin/get-setup-checklist";
import { listSubscribers } from "@/lib/admin/list-subscribers";
import { MAX_PAGE, type RawSearchParams } from "@/lib/admin/list/search-params";
import { listNotifications, parseNotificationListParams } from "@/lib/admin/notifications";
import { listRefunds, parseRefundListParams } from "@/lib/admin/refunds";
import { getRevenueByDay } from "@/lib/admin/revenue-by-day";
import { parseSubscriberListParams, SUBSCRIBER_SORTS } from "@/lib/admin/subscriber-list-params";
import type { Executor } from "@/lib/db/client";
import { seoulDateKey } from "@/lib/format";
import { getBillingHealth } from "@/lib/jobs/billing-health";

export type BenchCase = { name: string; run: () => Promise<string | undefined> };

const page = (p: { rows: unknown[]; total: number }) => `${p.rows.length} rows of ${p.total}`;

function daysAgo(days: number): string {
  return seoulDateKey(new Date(Date.now() - days * 24 * 60 * 60 * 1000));
}

export async function adminBenchCases(executor: Executor): Promise<BenchCase[]> {
  // Real values to search for, picked from the middle of the data.
  const [sample] = await executor.execute<{
    email: string;
    name: string;
    order_id: string;
    refund_no: string;
    refund_order_id: string;
    refund_email: string;
    plan_id: string;
    subscription_id: string;
  }>(sql`
    select u.email, u.name,
           (select order_id from charge_attempts c where c.user_id = u.id limit 1) as order_id,
           r.refund_no, rc.order_id as refund_order_id, ru.email as refund_email,
           (select id from plans order by sort_order limit 1) as plan_id,
           (select id from subscriptions s where s.user_id = u.id limit 1) as subscription_id
    from users u,
         lateral (select * from refunds order by created_at desc offset 100 limit 1) r
         join charge_attempts rc on rc.id = r.charge_attempt_id
         join users ru on ru.id = rc.user_id
    where u.id = (select id from users where role = 'customer' order by created_at offset
                  (select count(*) / 2 from users) limit 1)
  `);
  if (!sample) throw new Error("no sample rows: is the database seeded?");
  const emailPart = sample.email.split("@")[0]!; // "kim.minjun123"
  const namePart = sample.name.slice(1); // given name, "민준"
  const now = new Date();
  const cases: BenchCase[] = [];
  const add = (name: string, run: () => Promise<string | undefined>) => cases.push({ name, run });

  // 구독자 (/admin/subscribers)
  const subscribers = (query: RawSearchParams) => async () =>
    page(await listSubscribers(parseSubscriberListParams(query), executor));
  add("subscribers: first page", subscribers({}));
  add(`subscribers: page ${MAX_PAGE}`, subscribers({ page: String(MAX_PAGE) }));
  for (const sort of SUBSCRIBER_SORTS) {
    for (const dir of ["desc", "asc"]) {
      add(`subscribers: sort ${sort} ${dir}`, subscribers({ sort, dir }));
    }
  }
  add(
    "subscribers: sort price asc, page 200",
    subscribers({ sort: "price", dir: "asc", page: "200" }),
  );
  for (const status of ["active", "past_due", "unpaid", "canceled", "trialing", "incomplete"]) {
    add(`subscribers: status ${status}`, subscribers({ status }));
  }
  add(
    "subscribers: status past_due, next_charge asc",
    subscribers({ status: "past_due", sort: "next_charge", dir: "asc" }),
  );
  add("subscribers: plan", subscribers({ plan: sample.plan_id }));
  add("subscribers: provider portone", subscribers({ provider: "portone" }));
  add(
    "subscribers: provider + status + price asc",
    subscribers({ provider: "toss_payments", status: "active", sort: "price", dir: "asc" }),
  );
  add("subscribers: search exact email", subscribers({ q: sample.email }));
  add("subscribers: search email part", subscribers({ q: emailPart }));
  add("subscribers: search full name", subscribers({ q: sample.name }));
  add("subscribers: search given name", subscribers({ q: namePart }));
  add("subscribers: search common (naver)", subscribers({ q: "naver" }));

  // 결제 내역 (/admin/charges) — each page also reads the totals of its filter.
  const charges = (query: RawSearchParams) => async () =>
    page(await listCharges(parseChargeListParams(query), executor));
  add("charges: first page", charges({}));
  add(`charges: page ${MAX_PAGE}`, charges({ page: String(MAX_PAGE) }));
  add("charges: page 40 × 100", charges({ page: "40", pageSize: "100" }));
  for (const sort of ["created_at", "amount"]) {
    for (const dir of ["desc", "asc"]) add(`charges: sort ${sort} ${dir}`, charges({ sort, dir }));
  }
  for (const status of [
    "succeeded",
    "failed",
    "unknown",
    "pending",
    "refunded",
    "partially_refunded",
  ]) {
    add(`charges: status ${status}`, charges({ status }));
  }
  add("charges: provider portone", charges({ provider: "portone" }));
  add("charges: last 7 days", charges({ from: daysAgo(7) }));
  add("charges: one month, 1 year ago", charges({ from: daysAgo(395), to: daysAgo(365) }));
  add("charges: amount ≥ 50,000", charges({ minAmount: "50000" }));
  add("charges: amount 9,000–10,000", charges({ minAmount: "9000", maxAmount: "10000" }));
  add(
    "charges: failed + provider + amount asc",
    charges({ status: "failed", provider: "toss_pay", sort: "amount", dir: "asc" }),
  );
  add("charges: search order id", charges({ q: sample.order_id }));
  add("charges: search exact email", charges({ q: sample.email }));
  add("charges: search email part", charges({ q: emailPart }));
  add("charges: search name", charges({ q: sample.name }));
  add("charges: search common (naver)", charges({ q: "naver" }));

  // CSV export: the first batch of the stream (1,000 rows; later batches are keyset reads).
  const csvBatch = (query: RawSearchParams) => async () => {
    const { page: _p, pageSize: _s, ...filters } = parseChargeListParams(query);
    const batches = exportCharges(filters, executor);
    const first = await batches.next();
    await batches.return(undefined);
    return `${first.done ? 0 : first.value.length} rows`;
  };
  add("charges csv: first batch", csvBatch({}));
  add("charges csv: first batch, amount asc", csvBatch({ sort: "amount", dir: "asc" }));
  add(
    "charges csv: first batch, failed last month",
    csvBatch({ status: "failed", from: daysAgo(30) }),
  );
  add("charges csv: first batch, search name", csvBatch({ q: sample.name }));

  // 환불 (/admin/refunds)
  const refunds = (query: RawSearchParams) => async () =>
    page(await listRefunds(parseRefundListParams(query), executor));
  add("refunds: first page", refunds({}));
  add(`refunds: page ${MAX_PAGE}`, refunds({ page: String(MAX_PAGE) }));
  add("refunds: status failed", refunds({ status: "failed" }));
  add("refunds: last 30 days", refunds({ from: daysAgo(30) }));
  add("refunds: search refund no", refunds({ q: sample.refund_no }));
  add("refunds: search order id", refunds({ q: sample.refund_order_id }));
  add("refunds: search email", refunds({ q: sample.refund_email }));
  add("refunds: search email part", refunds({ q: sample.refund_email.split("@")[0]! }));

  // 결제사 이벤트 (/admin/events)
  const events = (query: RawSearchParams) => async () =>
    page(await listProviderEvents(parseEventListParams(query), executor));
  add("events: first page", events({}));
  add(`events: page ${MAX_PAGE}`, events({ page: String(MAX_PAGE) }));
  add("events: provider toss_payments", events({ provider: "toss_payments" }));
  add("events: type BillingKey.Deleted", events({ type: "BillingKey.Deleted" }));
  add("events: unverified", events({ verified: "no" }));
  for (const state of ["processed", "unprocessed", "error", "rejected"]) {
    add(`events: state ${state}`, events({ state }));
  }
  add("events: last 7 days", events({ from: daysAgo(7) }));

  // 알림 (/admin/notifications)
  const notifications = (query: RawSearchParams) => async () =>
    page(await listNotifications(parseNotificationListParams(query), executor));
  add("notifications: first page", notifications({}));
  add(`notifications: page ${MAX_PAGE}`, notifications({ page: String(MAX_PAGE) }));
  add("notifications: status failed", notifications({ status: "failed" }));
  add("notifications: kind refund_issued", notifications({ kind: "refund_issued" }));
  add("notifications: search email", notifications({ q: sample.email }));
  add("notifications: search name", notifications({ q: sample.name }));

  // 감사 로그 (/admin/audit)
  const audit = (query: RawSearchParams) => async () =>
    page(await listAuditLog(parseAuditListParams(query), executor));
  add("audit: first page", audit({}));
  add(`audit: page ${MAX_PAGE}`, audit({ page: String(MAX_PAGE) }));
  add("audit: actor search", audit({ actor: "admin3" }));
  add("audit: action prefix subscription", audit({ action: "subscription" }));
  add("audit: action exact", audit({ action: "charge.refund" }));
  add("audit: target type plan", audit({ targetType: "plan" }));
  add("audit: target id", audit({ targetType: "subscription", targetId: sample.subscription_id }));

  // 대시보드 (/admin): every figure the page reads.
  add("dashboard: stats (counts, MRR, new, churned)", async () => {
    const stats = await getDashboardStats({ now }, executor);
    return `MRR ${stats.mrr}`;
  });
  add("dashboard: revenue 30 days", async () => {
    const revenue = await getRevenueByDay({ days: 30, now }, executor);
    return `net ${revenue.totalNet}`;
  });
  add("dashboard: revenue 90 days", async () => {
    const revenue = await getRevenueByDay({ days: 90, now }, executor);
    return `net ${revenue.totalNet}`;
  });
  add("dashboard: charges needing attention", async () => {
    const attention = await getFailedChargesNeedingAttention({ now, limit: 6 }, executor);
    return `${attention.total} subscriptions`;
  });
  add("dashboard: billing health", async () => {
    const health = await getBillingHealth({ now });
    return `backlog ${health.dueBacklog}`;
  });
  add("dashboard: setup checklist", async () => {
    await getSetupChecklist({ now });
    return undefined;
  });
  return cases;
}
