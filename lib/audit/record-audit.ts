import type { Executor } from "@/lib/db/client";
import { auditLog } from "@/lib/db/schema";
import { actorUserId, formatActor, type Actor } from "./actor";

export type AuditEntry = {
  actor: Actor;
  // verb.noun, e.g. "plan.update", "subscription.cancel", "charge.refund"
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  // The clock of the step that causes it (a job's injectable now); default: the database's.
  at?: Date;
};

/**
 * Records who changed what. Call it inside the same transaction as the change, so the log and
 * the data can never disagree. Never put secrets (billing keys, API keys) in before/after.
 * audit_log.actor_user_id names a person; an entry by the system or a provider has it null and
 * says who it was in `after.actor` rather than pointing at a made-up user.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  const userId = actorUserId(entry.actor);
  const after =
    userId === null
      ? { ...(entry.after as Record<string, unknown> | undefined), actor: formatActor(entry.actor) }
      : (entry.after ?? null);
  await tx.insert(auditLog).values({
    actorUserId: userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after,
    ip: entry.actor.kind === "admin" ? (entry.actor.ip ?? null) : null,
    ...(entry.at ? { createdAt: entry.at } : {}),
  });
}
