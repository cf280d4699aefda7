import { and, eq, gte, ilike, like, lt, or, sql, type SQL } from "drizzle-orm";
import { auditLog, users } from "@/lib/db/schema";
import {
  listParamsParser,
  optionalText,
  seoulDateRange,
  seoulDayEnd,
  seoulDayStart,
} from "./list/search-params";
import { pagedList } from "./list/page-ids";

// The audit log: who did what to which record, when, from where, with the values before and
// after. Written by recordAudit() in the same transaction as each admin change.

export const parseAuditListParams = listParamsParser({
  // Part of the actor's email or name.
  actor: optionalText,
  // "refund.succeeded" exactly, or "refund" for every refund.* action.
  action: optionalText,
  targetType: optionalText,
  targetId: optionalText,
  ...seoulDateRange,
});

export type AuditListParams = ReturnType<typeof parseAuditListParams>;

// Actions recorded across the admin (recordAudit callers), in words; others show as written.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "charge.refund": "환불 요청",
  "refund.succeeded": "환불 완료",
  "refund.failed": "환불 실패",
  "refund.retry": "환불 다시 시도",
  "charges.export": "결제 내역 CSV 내보내기",
  "provider_event.reprocess": "결제사 이벤트 다시 처리",
  "plan.create": "요금제 만들기",
  "plan.update": "요금제 수정",
  "plan.delete": "요금제 삭제",
  "plan.reorder": "요금제 순서 변경",
  "plan.price_raised": "요금제 가격 인상",
  "subscription.resume": "구독 재개",
  "subscription.retry_charge": "결제 다시 시도",
  "subscription.move_billing_date": "결제일 변경",
  "subscription.grant_free_period": "무료 기간 제공",
  "notification.resend": "알림 다시 보내기",
};

export const KNOWN_TARGET_TYPES = [
  "charge_attempt",
  "refund",
  "provider_event",
  "plan",
  "subscription",
  "merchant_settings",
  "notification",
] as const;

export type AuditRow = typeof auditLog.$inferSelect & {
  actorEmail: string | null;
  actorName: string | null;
};

function auditConditions(params: AuditListParams): SQL | undefined {
  const a = auditLog;
  let actor: SQL | undefined;
  if (params.actor) {
    const pattern = `%${params.actor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    actor = sql`exists (select 1 from ${users} where ${users.id} = ${a.actorUserId}
      and (${or(ilike(users.email, pattern), ilike(users.name, pattern))}))`;
  }
  let action: SQL | undefined;
  if (params.action) {
    action = params.action.includes(".")
      ? eq(a.action, params.action)
      : or(
          eq(a.action, params.action),
          like(a.action, `${params.action.replace(/[\\%_]/g, (c) => `\\${c}`)}.%`),
        );
  }
  return and(
    actor,
    action,
    params.targetType ? eq(a.targetType, params.targetType) : undefined,
    params.targetId ? eq(a.targetId, params.targetId) : undefined,
    params.from ? gte(a.createdAt, seoulDayStart(params.from)) : undefined,
    params.to ? lt(a.createdAt, seoulDayEnd(params.to)) : undefined,
  );
}

export const listAuditLog = pagedList({
  table: auditLog,
  newestFirst: auditLog.createdAt,
  where: auditConditions,
  select: (executor) =>
    executor
      .select({
        id: auditLog.id,
        actorUserId: auditLog.actorUserId,
        action: auditLog.action,
        targetType: auditLog.targetType,
        targetId: auditLog.targetId,
        before: auditLog.before,
        after: auditLog.after,
        ip: auditLog.ip,
        createdAt: auditLog.createdAt,
        actorEmail: users.email,
        actorName: users.name,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .$dynamic(),
});
