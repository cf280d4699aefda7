// The dashboard's figures against seeded rows: MRR normalisation and rounding, counts, new and
// churned subscribers, revenue per Seoul day, and the failed charges that need a person.
import { beforeEach, describe, expect, test } from "vitest";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { getFailedChargesNeedingAttention } from "@/lib/admin/failed-charges-needing-attention";
import { countUnresolvedAttempts } from "@/lib/billing/charge-outstanding-period";
import { getRevenueByDay } from "@/lib/admin/revenue-by-day";
import {
  insertAttempt,
  insertCustomer,
  insertMethod,
  insertPlan,
  insertRefund,
  insertSubscription,
  resetData,
} from "./subscribers-fixtures";

const NOW = new Date("2026-03-10T12:00:00+09:00");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 24 * 60 * 60 * 1000);

beforeEach(resetData);

describe("getDashboardStats", () => {
  test("MRR normalises each paying subscription's own price to a month and rounds the sum once", async () => {
    const monthly = await insertPlan({ amount: 9_900, interval: "month" });
    const weekly = await insertPlan({ amount: 1_000, interval: "week" });
    const yearly = await insertPlan({ amount: 120_000, interval: "year" });
    const daily = await insertPlan({ amount: 100, interval: "day" });
    const quarterly = await insertPlan({ amount: 10_000, interval: "month", intervalCount: 3 });

    await insertSubscription(monthly); // 9,900
    await insertSubscription(weekly, { status: "past_due" }); // 1,000 × 4.348 = 4,348
    await insertSubscription(yearly); // 120,000 / 12 = 10,000
    await insertSubscription(daily); // 100 × 30.4375 = 3,043.75
    // 10,000 / 3 = 3,333.33… three times: 9,999.99…, which rounds to 10,000 only when summed
    // exactly first (rounding each would give 9,999).
    for (let i = 0; i < 3; i++) await insertSubscription(quarterly);
    // The price the subscriber pays counts, not the plan's current price (a rise awaiting consent).
    await insertSubscription(monthly, { priceAmount: 8_900 });
    // Not paying: a trial, an ended subscription, an unpaid one, an incomplete one.
    await insertSubscription(monthly, { status: "trialing", trialStart: daysAgo(2) });
    await insertSubscription(monthly, { status: "canceled", endedAt: daysAgo(50) });
    await insertSubscription(monthly, { status: "unpaid" });
    await insertSubscription(monthly, { status: "incomplete", periodNumber: 0 });

    const stats = await getDashboardStats({ now: NOW });
    // 9,900 + 4,348 + 10,000 + 3,043.75 + 10,000 + 8,900 = 46,191.75 → 46,192
    expect(stats.mrr).toBe(46_192);
    expect(stats.subscriptionsByStatus).toEqual({
      incomplete: 1,
      trialing: 1,
      active: 7,
      past_due: 1,
      unpaid: 1,
      canceled: 1,
    });
    expect(stats.plans).toEqual({ active: 5, archived: 0 });
  });

  test("a subscription whose last period was paid in test mode is not revenue (issues 8, 13)", async () => {
    const plan = await insertPlan({ amount: 9_900, interval: "month" });
    const liveUser = await insertCustomer();
    const live = await insertMethod(liveUser);
    const liveSub = await insertSubscription(plan, { userId: liveUser, paymentMethodId: live.id });
    await insertAttempt(liveSub, { paymentMethodId: live.id });
    const testUser = await insertCustomer();
    const test = await insertMethod(testUser, { testMode: true });
    const testSub = await insertSubscription(plan, {
      userId: testUser,
      paymentMethodId: test.id,
      priceAmount: 19_900,
    });
    // The charge is the fact of record: its test_mode, kept on the subscription by a trigger.
    await insertAttempt(testSub, { paymentMethodId: test.id, testMode: true });

    const stats = await getDashboardStats({ now: NOW });
    expect(stats.mrr).toBe(9_900);
    expect(stats.testModeMrr).toBe(19_900);
    // Still an active subscription in the counts: only the money is set apart.
    expect(stats.subscriptionsByStatus.active).toBe(2);
  });

  test("MRR is 0 with no paying subscription", async () => {
    const plan = await insertPlan();
    await insertSubscription(plan, { status: "trialing", trialStart: daysAgo(1) });
    expect((await getDashboardStats({ now: NOW })).mrr).toBe(0);
  });

  test("new and churned count subscriptions that really started, in the last 30 days", async () => {
    const plan = await insertPlan();
    // New: paid 10 days ago; a trial started 3 days ago.
    await insertSubscription(plan, { createdAt: daysAgo(10) });
    await insertSubscription(plan, {
      status: "trialing",
      periodNumber: 0,
      trialStart: daysAgo(3),
      createdAt: daysAgo(3),
    });
    // Not new: too old; an incomplete checkout that never paid.
    await insertSubscription(plan, { createdAt: daysAgo(40) });
    await insertSubscription(plan, {
      status: "incomplete",
      periodNumber: 0,
      createdAt: daysAgo(5),
    });
    // Churned: a paying subscriber who ended 5 days ago.
    await insertSubscription(plan, {
      status: "canceled",
      periodNumber: 2,
      createdAt: daysAgo(90),
      endedAt: daysAgo(5),
    });
    // Not churned: an expired checkout; an end 40 days ago; an end scheduled but not reached.
    await insertSubscription(plan, {
      status: "canceled",
      periodNumber: 0,
      createdAt: daysAgo(6),
      endedAt: daysAgo(5),
    });
    await insertSubscription(plan, {
      status: "canceled",
      createdAt: daysAgo(90),
      endedAt: daysAgo(40),
    });
    await insertSubscription(plan, { cancelAtPeriodEnd: true, createdAt: daysAgo(60) });

    const stats = await getDashboardStats({ now: NOW });
    expect(stats.newLast30Days).toBe(2);
    expect(stats.churnedLast30Days).toBe(1);
  });
});

describe("getRevenueByDay", () => {
  test("sums succeeded charges minus refunds per Asia/Seoul day, with empty days as 0", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan, { periodNumber: 10 });
    // 00:30 in Seoul on 10 March is still 9 March in UTC: it belongs to the 10th.
    const early = await insertAttempt(sub, {
      periodNumber: 1,
      amount: 9_900,
      approvedAt: new Date("2026-03-10T00:30:00+09:00"),
      createdAt: new Date("2026-03-10T00:29:50+09:00"),
    });
    await insertAttempt(sub, {
      periodNumber: 2,
      amount: 5_000,
      approvedAt: new Date("2026-03-09T23:59:00+09:00"),
      createdAt: new Date("2026-03-09T23:58:50+09:00"),
    });
    // Failed and pending charges are not revenue.
    await insertAttempt(sub, {
      periodNumber: 3,
      amount: 70_000,
      status: "failed",
      createdAt: new Date("2026-03-10T09:00:00+09:00"),
    });
    await insertAttempt(sub, {
      periodNumber: 4,
      amount: 70_000,
      status: "pending",
      createdAt: new Date("2026-03-10T09:00:00+09:00"),
    });
    // Refunds count on the day they completed; failed refunds do not count.
    await insertRefund(early, {
      amount: 3_000,
      completedAt: new Date("2026-03-10T10:00:00+09:00"),
    });
    await insertRefund(early, {
      amount: 2_000,
      status: "failed",
      completedAt: new Date("2026-03-10T10:00:00+09:00"),
    });
    // 40 days ago: in the 90-day series only.
    await insertAttempt(sub, {
      periodNumber: 5,
      amount: 12_000,
      approvedAt: new Date("2026-01-29T15:00:00+09:00"),
      createdAt: new Date("2026-01-29T15:00:00+09:00"),
    });

    const month = await getRevenueByDay({ days: 30, now: NOW });
    expect(month.days).toHaveLength(30);
    expect(month.days[0]?.day).toBe("2026-02-09");
    expect(month.days.at(-1)).toEqual({
      day: "2026-03-10",
      gross: 9_900,
      refunded: 3_000,
      net: 6_900,
    });
    expect(month.days.at(-2)).toEqual({ day: "2026-03-09", gross: 5_000, refunded: 0, net: 5_000 });
    expect(month.days.filter((d) => d.gross !== 0 || d.refunded !== 0)).toHaveLength(2);
    expect(month).toMatchObject({ totalGross: 14_900, totalRefunded: 3_000, totalNet: 11_900 });

    const quarter = await getRevenueByDay({ days: 90, now: NOW });
    expect(quarter.days).toHaveLength(90);
    expect(quarter.days.find((d) => d.day === "2026-01-29")?.gross).toBe(12_000);
    expect(quarter.totalNet).toBe(23_900);
  });

  test("leaves test-mode charges and their refunds out of revenue (issue 8)", async () => {
    const plan = await insertPlan();
    const sub = await insertSubscription(plan, { periodNumber: 10 });
    await insertAttempt(sub, {
      periodNumber: 1,
      amount: 9_900,
      approvedAt: new Date("2026-03-10T09:00:00+09:00"),
      createdAt: new Date("2026-03-10T08:59:50+09:00"),
    });
    const test = await insertAttempt(sub, {
      periodNumber: 2,
      amount: 50_000,
      testMode: true,
      approvedAt: new Date("2026-03-10T10:00:00+09:00"),
      createdAt: new Date("2026-03-10T09:59:50+09:00"),
    });
    await insertRefund(test, {
      amount: 7_000,
      completedAt: new Date("2026-03-10T11:00:00+09:00"),
    });

    const month = await getRevenueByDay({ days: 30, now: NOW });
    expect(month.days.at(-1)).toEqual({ day: "2026-03-10", gross: 9_900, refunded: 0, net: 9_900 });
    expect(month).toMatchObject({
      totalGross: 9_900,
      totalRefunded: 0,
      totalNet: 9_900,
      testModeGross: 50_000,
    });
  });

  test("refuses a window it cannot draw", async () => {
    await expect(getRevenueByDay({ days: 0, now: NOW })).rejects.toThrow(/days must be/);
  });
});

describe("getFailedChargesNeedingAttention", () => {
  test("lists the latest unresolved failure per live subscription and counts those waiting for a method", async () => {
    const plan = await insertPlan();
    const pastDue = await insertSubscription(plan, { status: "past_due" });
    await insertAttempt(pastDue, {
      periodNumber: 2,
      attemptNumber: 1,
      status: "failed",
      failureCategory: "declined",
      errorCode: "LIMIT_EXCEEDED",
      createdAt: daysAgo(3),
    });
    const latest = await insertAttempt(pastDue, {
      periodNumber: 2,
      attemptNumber: 2,
      status: "failed",
      failureCategory: "declined",
      errorCode: "INSUFFICIENT_BALANCE",
      createdAt: daysAgo(1),
    });

    // Recovered since: the period was paid by a later attempt.
    const recovered = await insertSubscription(plan, { periodNumber: 2 });
    await insertAttempt(recovered, { periodNumber: 2, status: "failed", createdAt: daysAgo(2) });
    await insertAttempt(recovered, { periodNumber: 2, attemptNumber: 2, createdAt: daysAgo(1) });

    // Outcome not known yet, for two hours or ten minutes: both listed, as the billing health
    // panel counts both as 결과 확인 중 (the two cards must agree).
    const stuck = await insertSubscription(plan);
    const stuckAttempt = await insertAttempt(stuck, {
      periodNumber: 2,
      status: "unknown",
      createdAt: new Date(NOW.getTime() - 2 * 60 * 60 * 1000),
    });
    const fresh = await insertSubscription(plan);
    const freshAttempt = await insertAttempt(fresh, {
      periodNumber: 2,
      status: "unknown",
      createdAt: new Date(NOW.getTime() - 10 * 60 * 1000),
    });

    // The key was removed: stopped until the customer links a new method.
    const noMethod = await insertSubscription(plan, { status: "unpaid" });
    const noMethodAttempt = await insertAttempt(noMethod, {
      periodNumber: 2,
      status: "failed",
      failureCategory: "needs_new_method",
      createdAt: daysAgo(4),
    });

    // Ended, or too old: nothing to do.
    const ended = await insertSubscription(plan, { status: "canceled" });
    await insertAttempt(ended, { periodNumber: 2, status: "failed", createdAt: daysAgo(2) });
    const old = await insertSubscription(plan, { status: "past_due" });
    await insertAttempt(old, { periodNumber: 2, status: "failed", createdAt: daysAgo(45) });

    const result = await getFailedChargesNeedingAttention({ now: NOW });
    expect(result.items.map((i) => i.attemptId)).toEqual([
      freshAttempt.id,
      stuckAttempt.id,
      latest.id,
      noMethodAttempt.id,
    ]);
    expect(result.items[2]).toMatchObject({
      subscriptionId: pastDue.id,
      subscriptionStatus: "past_due",
      errorCode: "INSUFFICIENT_BALANCE",
      status: "failed",
    });
    expect(result.total).toBe(4);
    expect(result.unresolved).toBe(await countUnresolvedAttempts());
    expect(result.unresolved).toBe(2);
    expect(result.needsNewMethod).toBe(1);

    const limited = await getFailedChargesNeedingAttention({ now: NOW, limit: 1 });
    expect(limited.items).toHaveLength(1);
    expect(limited.total).toBe(4);
  });
});
