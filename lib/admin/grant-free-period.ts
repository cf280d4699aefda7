import { eq } from "drizzle-orm";
import { z } from "zod";
import { addSeoulDays, nextBoundaryAfter, periodBoundary } from "@/lib/billing/periods";
import { plans, type Subscription } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import type { AdminActor } from "./admin-actor";
import {
  assertNoLiveCharge,
  assertStatus,
  withLockedSubscription,
} from "@/lib/subscriptions/lock-subscription";
import { parseAdminInput } from "./parse-admin-input";
import { saveScheduleChange } from "./save-schedule-change";

// A free period (goodwill after an outage, a support gesture): the paid-through date and the
// next charge move later, nothing is charged or refunded.
// - active: the current period is extended. By one billing interval, the next boundary of the
//   anchor's series (the billing day stays); by N days, the anchor moves with it so the next
//   period is a full one starting on the new date.
// - trialing: the trial is extended, and the first charge with it.

export const grantFreePeriodSchema = z.discriminatedUnion(
  "unit",
  [
    z.object({
      unit: z.literal("days"),
      days: z.coerce
        .number({ error: "며칠을 줄지 숫자로 입력해 주세요." })
        .int("일수는 정수로 입력해 주세요.")
        .min(1, "무료 기간은 1일 이상이어야 해요.")
        .max(365, "무료 기간은 365일 이하로 입력해 주세요."),
    }),
    z.object({ unit: z.literal("interval") }),
  ],
  { error: "무료 기간의 단위를 골라 주세요." },
);

const EXTENDABLE = ["trialing", "active"] as const;

export async function grantFreePeriod(
  admin: AdminActor,
  subscriptionId: string,
  input: unknown,
  options: { now?: Date } = {},
): Promise<Subscription> {
  const grant = parseAdminInput(grantFreePeriodSchema, input);
  const now = options.now ?? new Date();
  return withLockedSubscription(subscriptionId, async (tx, sub) => {
    assertStatus(
      sub,
      EXTENDABLE,
      "grant a free period",
      "이용 중이거나 무료 체험 중인 구독에만 무료 기간을 줄 수 있어요.",
    );
    await assertNoLiveCharge(tx, sub);
    const [plan] = await tx.select().from(plans).where(eq(plans.id, sub.planId));
    if (!plan) throw new Error(`plan ${sub.planId} missing`);

    let patch: Partial<Subscription>;
    let from: Date;
    let to: Date;
    if (sub.status === "trialing") {
      if (!sub.trialEnd) throw new AppError("conflict", `trialing ${sub.id} has no trial end`);
      from = sub.trialEnd;
      to =
        grant.unit === "days"
          ? addSeoulDays(from, grant.days)
          : periodBoundary(from, plan.interval, plan.intervalCount, 1);
      patch = { trialEnd: to, nextChargeAt: to };
    } else {
      if (!sub.currentPeriodEnd || !sub.billingAnchorAt) {
        throw new AppError("conflict", `active ${sub.id} has no current period`);
      }
      from = sub.currentPeriodEnd;
      if (grant.unit === "days") {
        to = addSeoulDays(from, grant.days);
        patch = { currentPeriodEnd: to, billingAnchorAt: to, nextChargeAt: to };
      } else {
        to = nextBoundaryAfter(sub.billingAnchorAt, plan.interval, plan.intervalCount, from);
        patch = { currentPeriodEnd: to, nextChargeAt: to };
      }
    }

    const data = {
      ...(grant.unit === "days"
        ? { days: grant.days }
        : { interval: plan.interval, intervalCount: plan.intervalCount }),
      from: from.toISOString(),
      to: to.toISOString(),
    };
    return saveScheduleChange(tx, admin, sub, {
      patch,
      now,
      event: { type: "free_period_granted", data },
      audit: { action: "subscription.grant_free_period", extra: { grant: data } },
    });
  });
}
