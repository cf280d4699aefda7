import { Alert } from "@/components/ui/alert";
import type { BillingHealth } from "@/lib/billing/billing-health";
import { formatSeoulDateTime } from "@/lib/format";

// The cron runs hourly (vercel.json). Two hours without a successful run means at least one run
// was missed or failed: renewals and retries are waiting.
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;
const NUMBER = new Intl.NumberFormat("ko-KR");

function ago(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.round((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 1) return "방금 전";
  if (minutes < 60) return `${minutes}분 전`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}시간 전`;
  return `${Math.floor(hours / 24)}일 전`;
}

export function BillingHealthPanel({ health, now }: { health: BillingHealth; now: Date }) {
  const last = health.lastSuccessfulRunAt;
  const stale = !last || now.getTime() - last.getTime() > STALE_AFTER_MS;
  return (
    <div className="space-y-4">
      {stale ? (
        <Alert
          tone="warning"
          title={last ? "정기결제 실행이 늦어지고 있어요" : "아직 성공한 실행이 없어요"}
        >
          {last
            ? "최근 2시간 동안 성공한 실행이 없어요. cron 설정과 CRON_SECRET을 확인해 주세요."
            : "정기결제는 매시간 실행돼요. 배포 후 첫 실행을 기다리거나 cron 설정을 확인해 주세요."}
        </Alert>
      ) : (
        <Alert tone="success">정기결제가 정상적으로 실행되고 있어요.</Alert>
      )}
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-muted">마지막 성공</dt>
        <dd className="font-bold">
          {last ? (
            <>
              <time dateTime={last.toISOString()}>{formatSeoulDateTime(last)}</time>{" "}
              <span className="font-normal text-muted">({ago(last, now)})</span>
            </>
          ) : (
            "없음"
          )}
        </dd>
        <dt className="text-muted">결제 대기</dt>
        <dd className="font-bold tabular-nums">
          {NUMBER.format(health.dueBacklog)}건
          <span className="ml-1 font-normal text-muted">(결제일이 지났는데 아직 처리 전)</span>
        </dd>
        <dt className="text-muted">결과 확인 중</dt>
        <dd className="font-bold tabular-nums">
          {NUMBER.format(health.unresolvedAttempts)}건
          <span className="ml-1 font-normal text-muted">(결제사 응답을 조회하는 중)</span>
        </dd>
      </dl>
    </div>
  );
}
