import { Alert } from "@/components/ui/alert";
import { CRON_STALE_AFTER_MS } from "@/lib/admin/get-setup-checklist";
import type { BillingHealth } from "@/lib/jobs/billing-health";
import { formatSeoulDateTime } from "@/lib/format";

// The cron runs hourly (vercel.json). Two hours without a successful run means at least one run
// was missed or failed: renewals and retries are waiting. The same threshold as the checklist.
const STALE_AFTER_MS = CRON_STALE_AFTER_MS.billing;
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
          title={
            last
              ? "정기결제가 2시간 넘게 실행되지 않았어요"
              : "정기결제가 아직 한 번도 실행되지 않았어요"
          }
        >
          <p>
            {health.dueBacklog > 0
              ? `결제일이 된 구독 ${NUMBER.format(health.dueBacklog)}건이 결제되지 않고 기다리고 있어요.`
              : "이대로면 결제일이 된 구독이 결제되지 않아요."}{" "}
            결제 실패 재시도와 무료 체험 종료도 처리되지 않아요.
          </p>
          <p className="mt-1">
            {last
              ? "호스팅(Vercel)의 Cron Jobs 기록에서 오류를 확인하고, 환경 변수 CRON_SECRET이 설정돼 있는지 확인해 주세요."
              : "방금 배포했다면 1시간 안에 첫 실행이 기록돼요. 그 뒤에도 이 안내가 보이면 README의 배포 안내대로 cron(vercel.json)과 환경 변수 CRON_SECRET을 설정했는지 확인해 주세요."}
          </p>
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
