// Issue 13: the dashboard's MRR and its 30-day revenue classify test mode by one rule (a
// charge's own test_mode), so when every live subscription renewed once in the last 30 days at
// its monthly price, the two figures the dashboard shows are the same to the won.
import { beforeEach, expect, test } from "vitest";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { getRevenueByDay } from "@/lib/admin/revenue-by-day";
import { formatKRW } from "@/lib/format";
import {
  insertAttempt,
  insertCustomer,
  insertMethod,
  insertPlan,
  insertSubscription,
  resetData,
} from "./subscribers-fixtures";

const NOW = new Date("2026-03-10T12:00:00+09:00");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000);

beforeEach(resetData);

async function renewed(
  plan: Awaited<ReturnType<typeof insertPlan>>,
  input: { priceAmount?: number; methodTestMode?: boolean; chargeTestMode?: boolean; at: Date },
) {
  const userId = await insertCustomer();
  const method = await insertMethod(userId, { testMode: input.methodTestMode ?? false });
  const sub = await insertSubscription(plan, {
    userId,
    paymentMethodId: method.id,
    priceAmount: input.priceAmount ?? plan.amount,
    periodNumber: 2,
  });
  // Its first period, paid two months ago, and the renewal within the last 30 days.
  await insertAttempt(sub, {
    periodNumber: 1,
    paymentMethodId: method.id,
    testMode: input.chargeTestMode ?? false,
    createdAt: daysAgo(45),
    approvedAt: daysAgo(45),
  });
  await insertAttempt(sub, {
    periodNumber: 2,
    paymentMethodId: method.id,
    testMode: input.chargeTestMode ?? false,
    createdAt: input.at,
    approvedAt: input.at,
  });
  return sub;
}

test("MRR equals 30-day revenue to the won when every live subscription renewed once at its price", async () => {
  const basic = await insertPlan({ amount: 9_900, interval: "month" });
  const pro = await insertPlan({ amount: 19_900, interval: "month" });

  await renewed(basic, { at: daysAgo(1) });
  await renewed(basic, { at: daysAgo(29) });
  await renewed(pro, { at: daysAgo(10) });
  // Still on the price before a rise it has not agreed to: it pays, and counts, its own price.
  await renewed(pro, { priceAmount: 17_900, at: daysAgo(3) });
  // Its method was registered under a test key, but the store now charges it live: the charge is
  // the fact of record, so it is revenue and MRR alike (the old MRR rule, by the method, left
  // it out while revenue counted it — the two figures disagreed).
  await renewed(basic, { methodTestMode: true, at: daysAgo(5) });
  // A sandbox subscriber: its charges moved no money, so it is in neither figure.
  await renewed(pro, { methodTestMode: true, chargeTestMode: true, at: daysAgo(2) });
  // A trial pays nothing yet: in neither.
  await insertSubscription(basic, { status: "trialing", trialStart: daysAgo(3), periodNumber: 0 });

  const [stats, revenue] = await Promise.all([
    getDashboardStats({ now: NOW }),
    getRevenueByDay({ days: 30, now: NOW }),
  ]);
  expect(stats.mrr).toBe(9_900 + 9_900 + 19_900 + 17_900 + 9_900);
  expect(revenue.totalRefunded).toBe(0);
  // What the dashboard prints: the MRR card and the chart's 결제 and 순매출.
  expect(formatKRW(stats.mrr)).toBe(formatKRW(revenue.totalGross));
  expect(formatKRW(stats.mrr)).toBe(formatKRW(revenue.totalNet));
  expect(stats.testModeMrr).toBe(revenue.testModeGross);
});
