import { eq, gt } from "drizzle-orm";
import {
  countLiveSubscribersPaying,
  countSubscribersAffectedByPriceChange,
} from "@/lib/billing/count-subscribers-affected-by-price-change";
import { raisePlanPrice } from "@/lib/billing/raise-plan-price";
import { db, type Executor } from "@/lib/db/client";
import { planPrices, plans, subscriptions, type Plan } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { asActor, type AdminActor } from "./admin-actor";
import { fieldError, parseAdminInput } from "./parse-admin-input";
import { planUpdateSchema, type PlanUpdateInput } from "./plan-input";
import { changedFields } from "@/lib/audit/changed-fields";
import { planSnapshot, planUsage } from "./plan-snapshot";
import { recordAudit } from "@/lib/audit/record-audit";

// Editing a plan (docs/billing.md "Korean law: consent before a price rise"):
// - A price rise applies to new subscribers at once. Existing subscribers keep
//   subscriptions.price_amount until they consent, so it goes through the consent flow's
//   raisePlanPrice (plan_prices row, audit entry, consent requests for renewals within 30 days).
//   The admin first sees how many subscribers are affected and confirms that exact amount.
// - A price cut also applies to new subscribers only; existing ones keep what they pay.
// - The billing interval cannot change once anyone has subscribed: renewals compute their
//   periods from the plan's interval, so it would silently change existing subscribers'
//   billing cycle. A new plan is the way to offer another interval.

export type PlanUpdateResult =
  | {
      kind: "needs_confirmation";
      oldAmount: number; // KRW
      newAmount: number; // KRW
      // Live subscribers paying less than the new price: they keep their price until they consent.
      affectedSubscribers: number;
    }
  | {
      kind: "updated";
      plan: Plan;
      price: "raised" | "lowered" | "unchanged";
      // raised: subscribers who keep the old price until they consent; lowered: subscribers who
      // keep paying more than the new price (they are not moved down automatically).
      affectedSubscribers: number;
      // raised: consent requests sent at once (renewal within 30 days).
      consentsRequested: number;
    };

async function assertIntervalUnchangedOrUnused(tx: Executor, current: Plan, data: PlanUpdateInput) {
  if (current.interval === data.interval && current.intervalCount === data.intervalCount) return;
  if ((await planUsage(tx, current.id)).everSubscribed) {
    throw fieldError(
      "bad_request",
      "interval",
      "구독한 적이 있는 요금제는 결제 주기를 바꿀 수 없어요. 기존 구독자의 결제 주기가 바뀌기 때문이에요. 새 요금제를 만들어 주세요.",
    );
  }
}

async function findPlan(tx: Executor, planId: string, lock = false): Promise<Plan> {
  const query = tx.select().from(plans).where(eq(plans.id, planId));
  const [plan] = lock ? await query.for("update") : await query;
  if (!plan) throw new AppError("not_found", `plan ${planId} not found`);
  return plan;
}

/**
 * Saves the plan editor. A price rise returns `needs_confirmation` (with the number of
 * subscribers affected) until it is called again with `confirmedAmount` equal to the new price.
 */
export async function updatePlan(
  admin: AdminActor,
  planId: string,
  input: unknown,
  options: { confirmedAmount?: number | null; now?: Date } = {},
): Promise<PlanUpdateResult> {
  const data = parseAdminInput(planUpdateSchema, input);
  const now = options.now ?? new Date();

  const before = await findPlan(db(), planId);
  await assertIntervalUnchangedOrUnused(db(), before, data);

  let price: "raised" | "lowered" | "unchanged" = "unchanged";
  let affectedSubscribers = 0;
  let consentsRequested = 0;
  if (data.amount > before.amount) {
    if (options.confirmedAmount !== data.amount) {
      return {
        kind: "needs_confirmation",
        oldAmount: before.amount,
        newAmount: data.amount,
        affectedSubscribers: await countSubscribersAffectedByPriceChange(planId, data.amount),
      };
    }
    // Its own transaction: plan amount, plan_prices, audit "plan.price_raised", and the consent
    // requests that are due at once. The other fields follow below.
    const raised = await raisePlanPrice(planId, data.amount, asActor(admin), {
      newAmountTaxFree: data.amountTaxFree,
      now,
    });
    price = "raised";
    affectedSubscribers = raised.affectedSubscribers;
    consentsRequested = raised.consentsRequested;
  }

  const plan = await db().transaction(async (tx) => {
    const current = await findPlan(tx, planId, true);
    await assertIntervalUnchangedOrUnused(tx, current, data);
    const priceChanged =
      price !== "raised" &&
      (current.amount !== data.amount || current.amountTaxFree !== data.amountTaxFree);
    const [updated] = await tx
      .update(plans)
      .set({
        name: data.name,
        description: data.description,
        features: data.features,
        interval: data.interval,
        intervalCount: data.intervalCount,
        trialDays: data.trialDays,
        sortOrder: data.sortOrder ?? current.sortOrder,
        // A rise was written by raisePlanPrice above; a cut or a tax-free change is written here.
        ...(priceChanged ? { amount: data.amount, amountTaxFree: data.amountTaxFree } : {}),
        updatedAt: now,
      })
      .where(eq(plans.id, planId))
      .returning();
    if (!updated) throw new Error(`plan ${planId} vanished`);

    if (priceChanged) {
      await tx.insert(planPrices).values({
        planId,
        amount: updated.amount,
        amountTaxFree: updated.amountTaxFree,
        effectiveFrom: now,
        createdByUserId: admin.userId,
      });
      if (updated.amount < current.amount) {
        price = "lowered";
        affectedSubscribers = await countLiveSubscribersPaying(
          tx,
          planId,
          gt(subscriptions.priceAmount, updated.amount),
        );
      }
    }

    const diff = changedFields(planSnapshot(current), planSnapshot(updated));
    if (diff) {
      await recordAudit(tx, {
        actor: asActor(admin),
        action: "plan.update",
        targetType: "plan",
        targetId: planId,
        before: diff.before,
        after: diff.after,
      });
    }
    return updated;
  });
  return { kind: "updated", plan, price, affectedSubscribers, consentsRequested };
}
