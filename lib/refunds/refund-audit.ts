import { adminActor, customerActor, SYSTEM_ACTOR as SYSTEM, type Actor } from "@/lib/audit/actor";
import { recordAudit, type AuditEntry } from "@/lib/audit/record-audit";
import type { Executor } from "@/lib/db/client";

// Who a refund's audit entries name: the admin who pressed a button, or — actorUserId null —
// the system, when the billing run re-sends a refund whose answer never came. The refund input
// carries the admin's id flat (refundCharge's RefundActor); this maps it to the one Actor type.
export type RefundAuditActor = {
  actorUserId: string | null;
  ip?: string | null;
  // A customer's own 청약철회 or cancel-now refund; an admin otherwise.
  actorKind?: "admin" | "customer" | undefined;
};

export const SYSTEM_ACTOR: RefundAuditActor = { actorUserId: null, ip: null };

export function refundActor(actor: RefundAuditActor): Actor {
  if (actor.actorUserId === null) return SYSTEM;
  return actor.actorKind === "customer"
    ? customerActor(actor.actorUserId)
    : adminActor({ userId: actor.actorUserId, ip: actor.ip });
}

type RefundAuditEntry = Omit<AuditEntry, "actor" | "after"> & {
  after: Record<string, unknown>;
};

/** recordAudit with the refund's actor (an admin, or the system when the run retries). */
export async function recordRefundAudit(
  tx: Executor,
  actor: RefundAuditActor,
  entry: RefundAuditEntry,
): Promise<void> {
  await recordAudit(tx, { ...entry, actor: refundActor(actor) });
}
