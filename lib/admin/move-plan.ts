import { asc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { plans } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { asActor, type AdminActor } from "./admin-actor";
import { recordAudit } from "@/lib/audit/record-audit";

// Pricing-page order: sort_order ascending, then oldest first (lib/plans/queries.ts). A move
// swaps the plan with its neighbour in the list of all plans (archived ones keep their place for
// when they come back) and renumbers everyone 10, 20, 30… so ties and gaps disappear.
const STEP = 10;

export async function movePlan(
  admin: AdminActor,
  planId: string,
  direction: "up" | "down",
  options: { now?: Date } = {},
): Promise<void> {
  const now = options.now ?? new Date();
  await db().transaction(async (tx) => {
    // Lock every plan: two admins reordering at once must not interleave their renumbering.
    const ordered = await tx
      .select({ id: plans.id, slug: plans.slug, sortOrder: plans.sortOrder })
      .from(plans)
      .orderBy(asc(plans.sortOrder), asc(plans.createdAt), asc(plans.slug))
      .for("update");
    const index = ordered.findIndex((p) => p.id === planId);
    if (index === -1) throw new AppError("not_found", `plan ${planId} not found`);
    const target = direction === "up" ? index - 1 : index + 1;
    if (target < 0 || target >= ordered.length) return;
    const reordered = [...ordered];
    [reordered[index], reordered[target]] = [ordered[target]!, ordered[index]!];

    const changes = reordered
      .map((plan, i) => ({ ...plan, newSortOrder: (i + 1) * STEP }))
      .filter((plan) => plan.newSortOrder !== plan.sortOrder);
    for (const plan of changes) {
      await tx
        .update(plans)
        .set({ sortOrder: plan.newSortOrder, updatedAt: now })
        .where(eq(plans.id, plan.id));
    }
    await recordAudit(tx, {
      actor: asActor(admin),
      action: "plan.reorder",
      targetType: "plan",
      targetId: planId,
      before: { order: ordered.map((p) => p.slug), direction },
      after: { order: reordered.map((p) => p.slug) },
    });
  });
}
