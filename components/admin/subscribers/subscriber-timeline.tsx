import type { ReactNode } from "react";
import { FactList } from "@/components/admin/fact-list";
import { SubscriptionStatusBadge } from "@/components/subscriptions/subscription-status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type { TimelineEntry } from "@/lib/admin/get-subscriber-timeline";
import type { SubscriptionStatus } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import {
  actorLabel,
  CARD_TYPE,
  CHARGE_STATUS,
  CONSENT_KIND,
  CONSENT_STATUS,
  eventTypeLabel,
  FAILURE_CATEGORY,
  labelOf,
  METHOD_STATUS,
  NOTIFICATION_STATUS,
  PROVIDER,
  REFUND_STATUS,
} from "./labels";
import { StatusBadge } from "./status-badge";

// Everything that happened to the subscription, newest first, as an ordered list: a time, what
// kind of thing it was, a one-line title, the details a support agent needs, and the raw
// provider answer behind a disclosure (it is long and rarely needed).

// What kind of entry it is, in words; the subscription's own events stand out from the rest.
const KIND_LABELS: Record<TimelineEntry["kind"], string> = {
  event: "구독",
  charge: "결제",
  refund: "환불",
  consent: "동의",
  notification: "알림",
  payment_method: "결제수단",
};

function Raw({ label, value }: { label: string; value: unknown }) {
  if (value === null || value === undefined) return null;
  if (typeof value === "object" && Object.keys(value).length === 0) return null;
  return (
    <details className="mt-2">
      <summary className="inline-flex min-h-9 cursor-pointer items-center text-sm font-bold text-primary [@media(pointer:coarse)]:min-h-touch">
        {label}
      </summary>
      <pre className="mt-1 max-h-80 overflow-auto whitespace-pre-wrap break-all rounded-lg bg-surface-muted p-3 text-xs leading-relaxed">
        {JSON.stringify(value, null, 2)}
      </pre>
    </details>
  );
}

/** An entry's first line: what it is (an amount, a subject…) and its status. */
function Headline({ children }: { children: ReactNode }) {
  return <p className="flex flex-wrap items-center gap-2 font-bold">{children}</p>;
}

function Amount({ value }: { value: number }) {
  return <span className="tabular-nums">{formatKRW(value)}</span>;
}

/** An order or refund number, as the provider and support tools write it. */
function Reference({ value }: { value: string }) {
  return <code className="text-xs">{value}</code>;
}

function Entry({ entry }: { entry: TimelineEntry }) {
  switch (entry.kind) {
    case "event": {
      const changed = entry.fromStatus && entry.toStatus && entry.fromStatus !== entry.toStatus;
      return (
        <>
          <p className="font-bold">{eventTypeLabel(entry.type)}</p>
          <div className="mt-1 flex flex-wrap items-center gap-1.5 text-sm text-muted">
            <span>{actorLabel(entry.actor)}</span>
            {changed && (
              <>
                <span aria-hidden="true">·</span>
                <SubscriptionStatusBadge status={entry.fromStatus as SubscriptionStatus} />
                <span aria-label="에서">→</span>
                <SubscriptionStatusBadge status={entry.toStatus as SubscriptionStatus} />
              </>
            )}
          </div>
          <Raw label="기록된 내용" value={entry.data} />
        </>
      );
    }
    case "charge": {
      const a = entry.attempt;
      return (
        <>
          <Headline>
            <Amount value={a.amount} />
            <StatusBadge badges={CHARGE_STATUS} status={a.status} />
            {a.refundedAmount > 0 && (
              <Badge tone="neutral">환불 {formatKRW(a.refundedAmount)}</Badge>
            )}
          </Headline>
          <FactList
            items={[
              ["주문번호", <Reference key="o" value={a.orderId} />],
              [
                "구분",
                `${a.purpose === "proration" ? "요금제 변경 차액" : `${a.periodNumber}회차 결제`} · ${a.attemptNumber}번째 시도`,
              ],
              ["결제사", labelOf(PROVIDER, a.provider)],
              a.approvedAt && ["승인", formatSeoulDateTime(a.approvedAt)],
              a.failureCategory && [
                "실패 사유",
                `${labelOf(FAILURE_CATEGORY, a.failureCategory)}${a.errorCode ? ` (${a.errorCode})` : ""}`,
              ],
              a.errorMessage && ["결제사 메시지", a.errorMessage],
              a.customerMessage && a.status === "failed" && ["고객 안내", a.customerMessage],
              a.checkCount > 0 && ["결과 조회", `${a.checkCount}회`],
              a.receiptUrl && [
                "영수증",
                <a
                  key="r"
                  href={a.receiptUrl}
                  target="_blank"
                  rel="noreferrer"
                  className="text-primary hover:underline"
                >
                  결제사 영수증 열기
                </a>,
              ],
            ]}
          />
          <Raw label="결제사 응답 원문" value={a.rawResponse} />
        </>
      );
    }
    case "refund": {
      const r = entry.refund;
      return (
        <>
          <Headline>
            <Amount value={r.amount} />
            <StatusBadge badges={REFUND_STATUS} status={r.status} />
          </Headline>
          <FactList
            items={[
              ["환불번호", <Reference key="n" value={r.refundNo} />],
              ["원 결제", <Reference key="o" value={r.orderId} />],
              r.reason && ["사유", r.reason],
              r.refundableAfter !== null && ["남은 환불 가능 금액", formatKRW(r.refundableAfter)],
              r.errorMessage && ["결제사 메시지", r.errorMessage],
            ]}
          />
          <Raw label="결제사 응답 원문" value={r.rawResponse} />
        </>
      );
    }
    case "consent": {
      const c = entry.consent;
      return (
        <>
          <Headline>
            {labelOf(CONSENT_KIND, c.kind)}
            <StatusBadge badges={CONSENT_STATUS} status={c.status} />
          </Headline>
          <FactList
            items={[
              [
                "금액",
                c.oldAmount !== null
                  ? `${formatKRW(c.oldAmount)} → ${formatKRW(c.newAmount)}`
                  : formatKRW(c.newAmount),
              ],
              c.effectiveAt && ["적용일", formatSeoulDateTime(c.effectiveAt)],
              c.respondedAt && [
                "답변",
                `${formatSeoulDateTime(c.respondedAt)}${c.responseChannel ? ` (${c.responseChannel})` : ""}`,
              ],
            ]}
          />
          <details className="mt-2">
            <summary className="inline-flex min-h-9 cursor-pointer items-center text-sm font-bold text-primary [@media(pointer:coarse)]:min-h-touch">
              고객에게 보인 문구
            </summary>
            <p className="mt-1 whitespace-pre-wrap rounded-lg bg-surface-muted p-3 text-sm">
              {c.wording}
            </p>
          </details>
        </>
      );
    }
    case "notification": {
      const n = entry.notification;
      return (
        <>
          <Headline>
            <span className="min-w-0">{n.subject}</span>
            <StatusBadge badges={NOTIFICATION_STATUS} status={n.status} />
          </Headline>
          <FactList
            items={[
              ["채널", n.channel === "email" ? "이메일" : n.channel],
              n.sentAt && ["발송", formatSeoulDateTime(n.sentAt)],
              n.lastError && ["오류", n.lastError],
            ]}
          />
        </>
      );
    }
    case "payment_method": {
      const m = entry.method;
      return (
        <>
          <Headline>
            결제수단 등록 · {labelOf(PROVIDER, m.provider)}
            <StatusBadge badges={METHOD_STATUS} status={m.status} />
          </Headline>
          <FactList
            items={[
              m.cardCompany && [
                "카드",
                `${m.cardCompany}${m.cardMethodType ? ` ${CARD_TYPE[m.cardMethodType] ?? ""}` : ""} ${m.cardNumberMasked ?? ""}`,
              ],
              m.bankName && ["계좌", `${m.bankName} ${m.accountNumberMasked ?? ""}`],
              m.activatedAt && ["승인", formatSeoulDateTime(m.activatedAt)],
              m.removedAt && ["삭제", formatSeoulDateTime(m.removedAt)],
              m.failureMessage && ["사유", m.failureMessage],
            ]}
          />
        </>
      );
    }
  }
}

export function SubscriberTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) {
    return <EmptyState title="기록이 없어요" />;
  }
  return (
    <ol className="relative space-y-0">
      {entries.map((entry) => {
        return (
          <li
            key={`${entry.kind}-${entry.id}`}
            className="grid grid-cols-[minmax(0,1fr)] gap-1 border-l-2 border-border py-3 pl-4 sm:grid-cols-[9.5rem_minmax(0,1fr)] sm:gap-4"
          >
            <div className="flex items-center gap-2 text-xs text-muted sm:block sm:space-y-1">
              <time dateTime={entry.at.toISOString()} className="block tabular-nums">
                {formatSeoulDateTime(entry.at)}
              </time>
              <Badge tone={entry.kind === "event" ? "info" : "neutral"}>
                {KIND_LABELS[entry.kind]}
              </Badge>
            </div>
            <div className="min-w-0">
              <Entry entry={entry} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
