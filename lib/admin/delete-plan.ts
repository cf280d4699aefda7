import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { plans } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { asActor, type AdminActor } from "./admin-actor";
import { planSnapshot, planUsage } from "./plan-snapshot";
import { recordAudit } from "@/lib/audit/record-audit";

/**
 * Deletes a plan that nobody ever subscribed to (a draft or a mistake). A plan with any
 * subscription history is archived instead: receipts, consents and the timeline refer to it.
 */
export async function deletePlan(admin: AdminActor, planId: string): Promise<void> {
  await db().transaction(async (tx) => {
    const [current] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
    if (!current) throw new AppError("not_found", `plan ${planId} not found`);
    const usage = await planUsage(tx, planId);
    if (usage.everSubscribed) {
      throw new AppError(
        "conflict",
        `plan ${current.slug} has subscription history and cannot be deleted; archive it instead`,
        {
          userMessage:
            "구독한 적이 있는 요금제는 삭제할 수 없어요. 판매를 중단하려면 보관해 주세요.",
        },
      );
    }
    // plan_prices rows go with it (on delete cascade).
    await tx.delete(plans).where(eq(plans.id, planId));
    await recordAudit(tx, {
      actor: asActor(admin),
      action: "plan.delete",
      targetType: "plan",
      targetId: planId,
      before: planSnapshot(current),
    });
  });
}
