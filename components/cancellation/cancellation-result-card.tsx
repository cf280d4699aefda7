import { DetailRow } from "@/components/account/detail-row";
import { Alert } from "@/components/ui/alert";
import { ButtonLink } from "@/components/ui/button-link";
import { CardSection } from "@/components/ui/card";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import type { CancellationResult } from "@/lib/subscriptions/cancellation-result";

const STATUS_LABEL = {
  succeeded: "환불 완료",
  pending: "환불 요청 중",
  unknown: "결제사 확인 중",
  failed: "환불 실패",
} as const;

/** What the customer reads after confirming (and on any later visit): the refund as it stands. */
export function CancellationResultCard({ result }: { result: CancellationResult }) {
  const done = result.refunds.length > 0 && result.refunds.every((r) => r.status === "succeeded");
  const failed = result.refunds.some((r) => r.status === "failed");
  const title = result.kind === "withdrawal" ? "청약철회가 완료됐어요" : "구독을 해지했어요";
  return (
    <CardSection title={title}>
      <div className="space-y-5">
        {done ? (
          <Alert tone="success" title={`${formatKRW(result.amount)} 환불을 마쳤어요`}>
            {result.planName} 구독이 끝났어요. 카드사나 은행에 따라 반영까지 영업일 기준 3~7일이
            걸릴 수 있어요.
          </Alert>
        ) : failed ? (
          <Alert tone="danger" title="환불을 마치지 못했어요">
            {result.planName} 구독은 끝났지만 결제사가 환불을 거절했어요. 운영자가 확인해 직접
            환불해 드릴게요. 급하시면 고객센터로 문의해 주세요.
          </Alert>
        ) : (
          <Alert tone="info" title={`${formatKRW(result.amount)} 환불을 요청했어요`}>
            {result.planName} 구독이 끝났어요. 결제사의 환불 결과를 확인하고 있어요. 완료되면 메일로
            알려 드릴게요. 같은 환불이 두 번 되지는 않아요.
          </Alert>
        )}
        <dl className="divide-y divide-border border-y border-border">
          <DetailRow term="환불 금액">
            {formatKRW(result.amount)}
            {result.remainingDays !== null && ` (남은 ${result.remainingDays}일치)`}
          </DetailRow>
          <DetailRow term="해지 일시">{formatSeoulDateTime(result.endedAt)}</DetailRow>
          {result.refunds.map((refund) => (
            <DetailRow key={refund.id} term="환불 상태">
              {formatKRW(refund.amount)} {STATUS_LABEL[refund.status]}
            </DetailRow>
          ))}
          {result.refunds.map((refund) => (
            <DetailRow key={refund.id} term="주문번호">
              <span className="break-all font-mono text-sm font-normal">{refund.orderId}</span>
            </DetailRow>
          ))}
        </dl>
        <div className="flex flex-wrap gap-2">
          <ButtonLink href="/account" variant="secondary">
            내 구독으로 가기
          </ButtonLink>
          <ButtonLink href="/pricing" variant="ghost">
            요금제 보기
          </ButtonLink>
        </div>
      </div>
    </CardSection>
  );
}
