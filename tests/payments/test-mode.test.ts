// Issue 8 §1: money taken in test mode is never revenue. A customer links a method in the
// built-in sandbox and is charged by our own billing code, then upgrades (a proration charge):
// the method and both charges are recorded as test mode, and the admin's figures leave them out.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { getDashboardStats } from "@/lib/admin/dashboard-stats";
import { listCharges, parseChargeListParams } from "@/lib/admin/charges";
import { getRevenueByDay } from "@/lib/admin/revenue-by-day";
import { changePlan } from "@/lib/billing/change-plan";
import { db } from "@/lib/db/client";
import { chargeAttempts, paymentMethods } from "@/lib/db/schema";
import {
  chargedCustomer,
  createPlan,
  startHarness,
  type Harness,
} from "../payment-methods/support/app-harness";

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

it("records sandbox methods and charges as test mode and keeps them out of every revenue figure", async () => {
  const first = await chargedCustomer(harness, 9_900);
  expect(first.testMode).toBe(true);
  const [method] = await db()
    .select()
    .from(paymentMethods)
    .where(eq(paymentMethods.id, first.paymentMethodId!));
  expect(method?.testMode).toBe(true);

  // An upgrade mid-period charges the difference now, through the same test method.
  const bigger = await createPlan({ amount: 29_900 });
  const outcome = await changePlan({
    userId: first.userId,
    planId: bigger.id,
    actor: `customer:${first.userId}`,
  });
  expect(outcome.kind).toBe("upgraded");
  const attempts = await db()
    .select()
    .from(chargeAttempts)
    .where(eq(chargeAttempts.subscriptionId, first.subscriptionId));
  const proration = attempts.find((a) => a.purpose === "proration");
  expect(proration).toMatchObject({ status: "succeeded", testMode: true });

  const stats = await getDashboardStats();
  expect(stats.subscriptionsByStatus.active).toBe(1);
  expect(stats.mrr).toBe(0);
  expect(stats.testModeMrr).toBe(29_900);

  const revenue = await getRevenueByDay({ days: 1 });
  expect(revenue).toMatchObject({ totalGross: 0, totalNet: 0 });
  expect(revenue.testModeGross).toBe(9_900 + proration!.amount);

  const charges = await listCharges(parseChargeListParams({}));
  expect(charges.rows.every((r) => r.testMode)).toBe(true);
  expect(charges.totals).toMatchObject({
    count: 2,
    amount: 0,
    testModeAmount: 9_900 + proration!.amount,
  });
});
