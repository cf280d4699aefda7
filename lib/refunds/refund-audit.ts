import { recordAudit, type AuditEntry } from "@/lib/admin/record-audit";
import type { Executor } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

// Who a refund's audit entries name: the admin who pressed a button, or — actorUserId null —
// the system, when the billing run re-sends a refund whose answer never came. audit_log's
// actor_user_id is nullable (it is also null once an admin account is deleted), so a system
// entry says so in its own `after.actor` rather than by pointing at a made-up user.
export type RefundAuditActor = { actorUserId: string | null; ip?: string | null };

export const SYSTEM_ACTOR: RefundAuditActor = { actorUserId: null, ip: null };

type RefundAuditEntry = Omit<AuditEntry, "actorUserId" | "ip" | "after"> & {
  after: Record<string, unknown>;
};

/** recordAudit for an admin; for the system, the same row with no user and `actor: "system"`. */
export async function recordRefundAudit(
  tx: Executor,
  actor: RefundAuditActor,
  entry: RefundAuditEntry,
): Promise<void> {
  if (actor.actorUserId !== null) {
    await recordAudit(tx, { ...entry, actorUserId: actor.actorUserId, ip: actor.ip ?? null });
    return;
  }
  // recordAudit's entry requires a user id (every other caller is an admin action).
  await tx.insert(auditLog).values({
    actorUserId: null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: { ...entry.after, actor: "system" },
    ip: null,
  });
}
