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

// Every action recordAudit is given (tests/admin/audit-labels.test.ts finds them in the source
// and fails on one missing here), in words and in the 작업 filter's order.
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "charge.refund": "환불 요청",
  "refund.succeeded": "환불 완료",
  "refund.failed": "환불 실패",
  "refund.retry": "환불 다시 시도",
  "charges.export": "결제 내역 CSV 내보내기",
  "provider_event.reprocess": "결제사 이벤트 다시 처리",
  "plan.create": "요금제 만들기",
  "plan.update": "요금제 수정",
  "plan.price_raised": "요금제 가격 인상",
  "plan.archive": "요금제 판매 중지",
  "plan.unarchive": "요금제 판매 재개",
  "plan.reorder": "요금제 순서 변경",
  "plan.delete": "요금제 삭제",
  "subscription.resume": "구독 재개",
  "subscription.retry_charge": "결제 다시 시도",
  "subscription.move_billing_date": "결제일 변경",
  "subscription.grant_free_period": "무료 기간 추가",
  "subscription.service_used": "서비스 이용 기록",
  "subscription.service_use_cleared": "서비스 이용 기록 취소",
  "subscription.cancel_at_period_end": "기간 끝에 해지 예약",
  "subscription.cancel": "구독 해지",
  "subscription.cancel_refund": "즉시 해지와 환불",
  "subscription.withdraw": "청약철회",
  "notification.resend": "알림 다시 보내기",
  "settings.billing_policy": "결제 정책 변경",
  "settings.business_info": "사업자 정보 변경",
  "settings.payment_providers": "결제사 설정 변경",
  "settings.cash_receipt": "현금영수증 설정 변경",
  "settings.withdrawal_policy": "청약철회 정책 변경",
  "legal_document.publish": "약관 · 방침 게시",
  "account.leave": "회원 탈퇴",
};

// What entries are about, in words (the 대상 column and filter).
export const AUDIT_TARGET_LABELS = {
  charge_attempt: "결제",
  refund: "환불",
  provider_event: "결제사 이벤트",
  plan: "요금제",
  subscription: "구독",
  merchant_settings: "상점 설정",
  notification: "알림",
  legal_document: "약관 · 방침",
  user: "회원",
} as const satisfies Record<string, string>;

export const KNOWN_TARGET_TYPES = Object.keys(AUDIT_TARGET_LABELS) as [
  keyof typeof AUDIT_TARGET_LABELS,
  ...(keyof typeof AUDIT_TARGET_LABELS)[],
];

/** "refund" → "환불"; a type not listed shows as written. */
export function auditTargetLabel(targetType: string): string {
  return (AUDIT_TARGET_LABELS as Record<string, string>)[targetType] ?? targetType;
}

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
