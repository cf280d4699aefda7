import type { Executor } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";

export type AuditEntry = {
  actorUserId: string;
  // verb.noun, e.g. "plan.update", "subscription.cancel", "charge.refund"
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
};

/**
 * Records an admin action. Call it inside the same transaction as the change, so the log and
 * the data can never disagree. Never put secrets (billing keys, API keys) in before/after.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    actorUserId: entry.actorUserId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    ip: entry.ip ?? null,
  });
}
