import { max } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { planPrices, plans, type Plan } from "@/lib/db/schema";
import { asActor, type AdminActor } from "./admin-actor";
import { fieldError, parseAdminInput } from "./parse-admin-input";
import { planCreateSchema } from "./plan-input";
import { planSnapshot } from "./plan-snapshot";
import { recordAudit } from "@/lib/audit/record-audit";

/** Creates a plan on sale at once, with its first plan_prices row and an audit entry. */
export async function createPlan(
  admin: AdminActor,
  input: unknown,
  options: { now?: Date } = {},
): Promise<Plan> {
  const data = parseAdminInput(planCreateSchema, input);
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    // Without an explicit order a new plan goes last on the pricing page.
    const sortOrder =
      data.sortOrder ??
      ((await tx.select({ last: max(plans.sortOrder) }).from(plans))[0]?.last ?? 0) + 10;
    const [plan] = await tx
      .insert(plans)
      .values({ ...data, sortOrder, status: "active", createdAt: now, updatedAt: now })
      .onConflictDoNothing({ target: plans.slug })
      .returning();
    if (!plan) {
      throw fieldError(
        "conflict",
        "slug",
        `주소용 이름 "${data.slug}"은(는) 다른 요금제가 쓰고 있어요. 다른 이름을 입력해 주세요.`,
      );
    }
    await tx.insert(planPrices).values({
      planId: plan.id,
      amount: plan.amount,
      amountTaxFree: plan.amountTaxFree,
      effectiveFrom: now,
      createdByUserId: admin.userId,
    });
    await recordAudit(tx, {
      actor: asActor(admin),
      action: "plan.create",
      targetType: "plan",
      targetId: plan.id,
      after: planSnapshot(plan),
    });
    return plan;
  });
}
