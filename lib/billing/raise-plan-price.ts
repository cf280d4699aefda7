import { eq } from "drizzle-orm";
import { actorUserId, formatActor, type Actor } from "@/lib/audit/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { planPrices, plans, type Plan } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { countSubscribersAffectedByPriceChange } from "./count-subscribers-affected-by-price-change";
import { requestDueConsents } from "./request-due-consents";

// The consent law (전자상거래법 시행령, 2025-02-14; docs/billing.md "Korean law: consent before a price
// rise or a trial turning paid"): see lib/billing/decide-renewal-price.ts and
// decide-trial-conversion.ts for the rules at the renewal; every request and answer is recorded
// (who, what price, when asked, when answered, how).

export type PriceRaiseResult = {
  plan: Plan;
  // Live subscribers who keep their current price until they consent.
  affectedSubscribers: number;
  // Requests sent at once (renewal within 30 days); the rest go out from the cron run.
  consentsRequested: number;
};

/**
 * Raises a plan's price for new subscribers and records it in plan_prices and the audit log.
 * Existing subscribers keep their price; those renewing within 30 days are asked right away.
 * `actor` is the admin who raised it.
 */
export async function raisePlanPrice(
  planId: string,
  newAmount: number,
  actor: Actor,
  options: { newAmountTaxFree?: number; now?: Date } = {},
): Promise<PriceRaiseResult> {
  const now = options.now ?? new Date();
  if (!Number.isSafeInteger(newAmount) || newAmount <= 0) {
    throw new AppError(
      "bad_request",
      `newAmount must be a positive integer KRW, got ${newAmount}`,
      {
        userMessage: "가격은 1원 이상의 정수로 입력해 주세요.",
      },
    );
  }
  const plan = await db().transaction(async (tx) => {
    const [current] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
    if (!current) throw new AppError("not_found", `plan ${planId} not found`);
    if (newAmount <= current.amount) {
      throw new AppError(
        "bad_request",
        `raisePlanPrice needs a price above the current ${current.amount}, got ${newAmount}`,
        { userMessage: "인상할 가격은 현재 가격보다 커야 해요." },
      );
    }
    const amountTaxFree = Math.min(options.newAmountTaxFree ?? current.amountTaxFree, newAmount);
    if (!Number.isSafeInteger(amountTaxFree) || amountTaxFree < 0) {
      throw new AppError("bad_request", `bad tax-free amount ${amountTaxFree}`);
    }
    const [updated] = await tx
      .update(plans)
      .set({ amount: newAmount, amountTaxFree, updatedAt: now })
      .where(eq(plans.id, planId))
      .returning();
    if (!updated) throw new Error(`plan ${planId} vanished`);
    const adminUserId = actorUserId(actor);
    await tx.insert(planPrices).values({
      planId,
      amount: newAmount,
      amountTaxFree,
      effectiveFrom: now,
      createdByUserId: adminUserId,
    });
    await recordAudit(tx, {
      actor,
      action: "plan.price_raised",
      targetType: "plan",
      targetId: planId,
      before: { amount: current.amount, amountTaxFree: current.amountTaxFree },
      after: { amount: newAmount, amountTaxFree, actor: formatActor(actor) },
      at: now,
    });
    return updated;
  });
  const affectedSubscribers = await countSubscribersAffectedByPriceChange(planId);
  const { priceIncrease } = await requestDueConsents(now, { planId });
  return { plan, affectedSubscribers, consentsRequested: priceIncrease };
}
