import { Badge, type BadgeTone } from "@/components/ui/badge";
import { CardSection } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { TBody, TD, TH, THead, TR, Table } from "@/components/ui/table";
import type { ChargeAttempt } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";

export type BillingHistoryCharge = Pick<
  ChargeAttempt,
  | "id"
  | "status"
  | "purpose"
  | "periodNumber"
  | "amount"
  | "refundedAmount"
  | "receiptUrl"
  | "customerMessage"
  | "approvedAt"
  | "createdAt"
>;

const RESULT: Record<ChargeAttempt["status"], { label: string; tone: BadgeTone }> = {
  succeeded: { label: "결제 완료", tone: "success" },
  failed: { label: "결제 실패", tone: "danger" },
  pending: { label: "결제 중", tone: "neutral" },
  unknown: { label: "결과 확인 중", tone: "warning" },
};

function describe(charge: BillingHistoryCharge): string {
  if (charge.purpose === "proration") return "요금제 변경 차액";
  return charge.periodNumber === 1 ? "첫 결제" : `${charge.periodNumber}회차 정기결제`;
}

function refundNote(charge: BillingHistoryCharge): string | null {
  if (charge.refundedAmount <= 0) return null;
  return charge.refundedAmount >= charge.amount
    ? "전액 환불"
    : `${formatKRW(charge.refundedAmount)} 환불`;
}

/** Every charge attempt, newest first: when, what for, how much, the result and the receipt. */
export function BillingHistory({ charges }: { charges: BillingHistoryCharge[] }) {
  return (
    <CardSection title="결제 내역" description="최근 50건까지 보여요. 시간은 한국 시간이에요.">
      {charges.length === 0 ? (
        <EmptyState
          title="결제 내역이 없어요"
          description="결제가 이루어지면 금액과 결과, 영수증 링크가 여기에 쌓여요."
        />
      ) : (
        <Table caption="결제 내역" captionHidden>
          <THead>
            <TR>
              <TH>결제일</TH>
              <TH>내용</TH>
              <TH className="text-right">금액</TH>
              <TH>결과</TH>
              <TH>영수증</TH>
            </TR>
          </THead>
          <TBody>
            {charges.map((charge) => {
              const at = charge.approvedAt ?? charge.createdAt;
              const result = RESULT[charge.status];
              const refund = refundNote(charge);
              return (
                <TR key={charge.id}>
                  <TD className="whitespace-nowrap">
                    <time dateTime={at.toISOString()}>{formatSeoulDateTime(at)}</time>
                  </TD>
                  <TD>{describe(charge)}</TD>
                  <TD className="whitespace-nowrap text-right font-bold tabular-nums">
                    {formatKRW(charge.amount)}
                    {refund && (
                      <span className="block text-xs font-normal text-muted">{refund}</span>
                    )}
                  </TD>
                  <TD className="min-w-[12rem]">
                    <Badge tone={result.tone}>{result.label}</Badge>
                    {charge.status === "failed" && charge.customerMessage && (
                      <p className="mt-1.5 text-sm text-danger">{charge.customerMessage}</p>
                    )}
                  </TD>
                  <TD className="whitespace-nowrap">
                    {charge.receiptUrl ? (
                      <a
                        href={charge.receiptUrl}
                        target="_blank"
                        rel="noopener noreferrer"
                        className="inline-flex min-h-touch items-center font-bold text-primary underline underline-offset-4 hover:no-underline"
                      >
                        영수증
                        <span className="sr-only">
                          {" "}
                          보기, {formatSeoulDateTime(at)} 결제 (새 창)
                        </span>
                      </a>
                    ) : (
                      <span className="text-muted">
                        <span aria-hidden="true">–</span>
                        <span className="sr-only">없음</span>
                      </span>
                    )}
                  </TD>
                </TR>
              );
            })}
          </TBody>
        </Table>
      )}
    </CardSection>
  );
}
