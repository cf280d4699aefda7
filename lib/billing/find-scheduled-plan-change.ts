import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "@/lib/db/client";
import { plans, subscriptionEvents, type Plan, type Subscription } from "@/lib/db/schema";

// A downgrade (or shorter interval) is scheduled by setting subscriptions.pending_plan_id; the
// price agreed at that moment is recorded on its plan_change_scheduled event. The renewal
// charges that agreed price (decide-renewal-price.ts), so the engine and the account page read
// it from here alike.

const agreedTerms = z.object({
  toAmount: z.number().int().positive().optional(),
  toAmountTaxFree: z.number().int().nonnegative().optional(),
});

export type ScheduledPlanChangeFound = {
  plan: Plan;
  agreedAmount: number | null; // KRW
  agreedAmountTaxFree: number | null; // KRW
};

/** The subscription's scheduled plan change, or null (none, or its plan no longer exists). */
export async function findScheduledPlanChange(
  executor: Executor,
  sub: Pick<Subscription, "id" | "pendingPlanId">,
): Promise<ScheduledPlanChangeFound | null> {
  const pendingPlanId = sub.pendingPlanId;
  if (!pendingPlanId) return null;
  const [[plan], [scheduled]] = await Promise.all([
    executor.select().from(plans).where(eq(plans.id, pendingPlanId)),
    executor
      .select({ data: subscriptionEvents.data })
      .from(subscriptionEvents)
      .where(
        and(
          eq(subscriptionEvents.subscriptionId, sub.id),
          eq(subscriptionEvents.type, "plan_change_scheduled"),
          sql`${subscriptionEvents.data}->>'toPlanId' = ${pendingPlanId}`,
        ),
      )
      .orderBy(desc(subscriptionEvents.createdAt))
      .limit(1),
  ]);
  if (!plan) return null;
  const agreed = agreedTerms.safeParse(scheduled?.data ?? {});
  return {
    plan,
    agreedAmount: agreed.success ? (agreed.data.toAmount ?? null) : null,
    agreedAmountTaxFree: agreed.success ? (agreed.data.toAmountTaxFree ?? null) : null,
  };
}
