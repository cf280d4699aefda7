import { z } from "zod";
import { nextSeoulDay, seoulDateKey, seoulDayAtTimeOf } from "@/lib/format";
import type { Subscription } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { formatSeoulDate } from "@/lib/format";
import type { AdminActor } from "./admin-actor";
import {
  assertNoLiveCharge,
  assertStatus,
  withLockedSubscription,
} from "@/lib/subscriptions/lock-subscription";
import { fieldError, parseAdminInput } from "./parse-admin-input";
import { saveScheduleChange } from "./save-schedule-change";
import { seoulDaySchema } from "./list/search-params";

// Moving the next billing date (support: "charge me on the 25th from now on"):
// - trialing: the trial ends, and the first charge happens, on the new day;
// - active: the current period ends on the new day and later periods follow from it (the billing
//   anchor moves too, so the day after the move is the new "billing day");
// - past_due: only the next dunning retry moves.
// The time of day is kept, so the charge runs at the hour it always did. The day must be after
// today (Seoul) and within a year.

export const moveNextBillingDateSchema = z.object({ date: seoulDaySchema });

const MOVABLE = ["trialing", "active", "past_due"] as const;
const MAX_DAYS_AHEAD = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export async function moveNextBillingDate(
  admin: AdminActor,
  subscriptionId: string,
  input: unknown,
  options: { now?: Date } = {},
): Promise<Subscription> {
  const { date } = parseAdminInput(moveNextBillingDateSchema, input);
  const now = options.now ?? new Date();
  return withLockedSubscription(subscriptionId, async (tx, sub) => {
    assertStatus(
      sub,
      MOVABLE,
      "move the billing date",
      "무료 체험 중, 이용 중, 결제 재시도 중인 구독만 다음 결제일을 바꿀 수 있어요.",
    );
    if (!sub.nextChargeAt) {
      throw new AppError("conflict", `subscription ${sub.id} has no next charge to move`, {
        userMessage: "예정된 결제가 없어 결제일을 바꿀 수 없어요.",
      });
    }
    const earliest = nextSeoulDay(now);
    if (date < earliest) {
      throw fieldError(
        "bad_request",
        "date",
        `다음 결제일은 오늘 이후 날짜여야 해요. ${formatSeoulDate(seoulDayAtTimeOf(earliest, now))}부터 고를 수 있어요.`,
      );
    }
    const latest = seoulDateKey(new Date(now.getTime() + MAX_DAYS_AHEAD * DAY_MS));
    if (date > latest) {
      throw fieldError("bad_request", "date", "다음 결제일은 1년 안의 날짜로 골라 주세요.");
    }
    const nextChargeAt = seoulDayAtTimeOf(date, sub.nextChargeAt);
    if (nextChargeAt.getTime() === sub.nextChargeAt.getTime()) {
      throw fieldError("bad_request", "date", "지금 다음 결제일과 같은 날짜예요.");
    }
    await assertNoLiveCharge(tx, sub);

    const patch: Partial<Subscription> =
      sub.status === "trialing"
        ? { trialEnd: nextChargeAt, nextChargeAt }
        : sub.status === "active"
          ? { currentPeriodEnd: nextChargeAt, billingAnchorAt: nextChargeAt, nextChargeAt }
          : { nextChargeAt };
    return saveScheduleChange(tx, admin, sub, {
      patch,
      now,
      event: {
        type: "billing_date_moved",
        data: { from: sub.nextChargeAt.toISOString(), to: nextChargeAt.toISOString() },
      },
      audit: { action: "subscription.move_billing_date" },
    });
  });
}
