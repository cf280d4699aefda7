import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { plans, type Plan } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { asActor, type AdminActor } from "./admin-actor";
import { recordAudit } from "@/lib/audit/record-audit";

/**
 * Takes a plan off sale (archived) or puts it back (active). Archiving never touches
 * subscriptions: existing subscribers keep renewing on it; nobody new can subscribe.
 */
export async function setPlanStatus(
  admin: AdminActor,
  planId: string,
  status: Plan["status"],
  options: { now?: Date } = {},
): Promise<Plan> {
  const now = options.now ?? new Date();
  return db().transaction(async (tx) => {
    const [current] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
    if (!current) throw new AppError("not_found", `plan ${planId} not found`);
    if (current.status === status) return current;
    const [updated] = await tx
      .update(plans)
      .set({ status, updatedAt: now })
      .where(eq(plans.id, planId))
      .returning();
    if (!updated) throw new Error(`plan ${planId} vanished`);
    await recordAudit(tx, {
      actor: asActor(admin),
      action: status === "archived" ? "plan.archive" : "plan.unarchive",
      targetType: "plan",
      targetId: planId,
      before: { status: current.status },
      after: { status },
    });
    return updated;
  });
}

export function archivePlan(admin: AdminActor, planId: string, options: { now?: Date } = {}) {
  return setPlanStatus(admin, planId, "archived", options);
}

export function unarchivePlan(admin: AdminActor, planId: string, options: { now?: Date } = {}) {
  return setPlanStatus(admin, planId, "active", options);
}
