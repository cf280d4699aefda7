import Link from "next/link";
import { SubscriptionStatusBadge } from "@/components/subscriptions/subscription-status-badge";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import type {
  AttentionCharge,
  FailedChargesNeedingAttention,
} from "@/lib/admin/failed-charges-needing-attention";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";

const NUMBER = new Intl.NumberFormat("ko-KR");

function reasonOf(item: AttentionCharge): { label: string; tone: "warning" | "danger" } {
  if (item.status !== "failed") return { label: "결과 확인 중", tone: "warning" };
  switch (item.failureCategory) {
    case "needs_new_method":
      return { label: "결제수단 재등록 필요", tone: "danger" };
    case "config_error":
      return { label: "결제 설정 오류", tone: "danger" };
    default:
      return { label: "결제 거절", tone: "warning" };
  }
}

/** Recent failed or stuck charges, each linking to the subscriber's page where it is handled. */
export function AttentionCharges({ data }: { data: FailedChargesNeedingAttention }) {
  if (data.items.length === 0) {
    return (
      <EmptyState
        title="확인할 결제가 없어요"
        description="결과를 기다리는 결제도, 최근 30일 동안 실패한 결제도 없어요."
      />
    );
  }
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        구독 {NUMBER.format(data.total)}건
        {data.total > data.items.length ? ` 중 최근 ${data.items.length}건` : ""}
        {data.unresolved > 0 && ` · 결과 확인 중인 결제 ${NUMBER.format(data.unresolved)}건`}
        {data.needsNewMethod > 0 &&
          ` · 결제수단 재등록을 기다리는 구독 ${NUMBER.format(data.needsNewMethod)}건`}
      </p>
      <ul className="divide-y divide-border rounded-xl border border-border">
        {data.items.map((item) => {
          const reason = reasonOf(item);
          return (
            <li
              key={item.attemptId}
              className="flex flex-wrap items-start justify-between gap-2 p-3 sm:p-4"
            >
              <div className="min-w-0 space-y-0.5">
                <Link
                  href={`/admin/subscribers/${item.subscriptionId}`}
                  className="font-bold text-primary hover:underline"
                >
                  {item.name ?? item.email}
                </Link>
                {item.name && <p className="text-sm text-muted">{item.email}</p>}
                <p className="text-xs text-muted">
                  <time dateTime={item.createdAt.toISOString()}>
                    {formatSeoulDateTime(item.createdAt)}
                  </time>
                  {item.errorCode && ` · ${item.errorCode}`}
                </p>
              </div>
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-bold tabular-nums">{formatKRW(item.amount)}</span>
                <Badge tone={reason.tone}>{reason.label}</Badge>
                <SubscriptionStatusBadge status={item.subscriptionStatus} />
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
