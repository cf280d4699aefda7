import Link from "next/link";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { ChargeAttempt } from "@/lib/db/schema";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { ListSection } from "./list-section";

export type BillingHistoryCharge = Pick<
  ChargeAttempt,
  | "id"
  | "status"
  | "purpose"
  | "periodNumber"
  | "attemptNumber"
  | "amount"
  | "refundedAmount"
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

const FULLY_REFUNDED = { label: "환불 완료", tone: "neutral" } as const;
// A failed attempt whose period was paid by a later one: history, not a call to act.
const PAID_LATER = { label: "결제 실패 · 이후 결제됨", tone: "neutral" } as const;

/** The ids of failed attempts whose period (or proration) a later attempt paid. */
function paidLater(charges: BillingHistoryCharge[]): Set<string> {
  const paid = charges.filter((c) => c.status === "succeeded");
  return new Set(
    charges
      .filter((c) => c.status === "failed")
      .filter((failed) =>
        paid.some(
          (ok) =>
            ok.purpose === failed.purpose &&
            ok.periodNumber === failed.periodNumber &&
            ok.createdAt > failed.createdAt,
        ),
      )
      .map((c) => c.id),
  );
}

function describe(charge: BillingHistoryCharge): string {
  if (charge.purpose === "proration") return "요금제 변경 차액";
  const what = charge.periodNumber === 1 ? "첫 결제" : `${charge.periodNumber}회차 자동결제`;
  return charge.attemptNumber > 1 ? `${what} · 재시도` : what;
}

function refundNote(charge: BillingHistoryCharge): string | null {
  if (charge.refundedAmount <= 0) return null;
  return charge.refundedAmount >= charge.amount
    ? "전액 환불"
    : `환불 ${formatKRW(charge.refundedAmount)}`;
}

/**
 * Every charge attempt, newest first: what for, when, how much, the result (with the reason in
 * Korean when it failed) and the receipt. A list rather than a table: on a phone each charge
 * reads top to bottom instead of scrolling sideways to find the amount and the result.
 */
export function BillingHistory({ charges }: { charges: BillingHistoryCharge[] }) {
  const settledLater = paidLater(charges);
  return (
    <ListSection
      title="결제 내역"
      description="최근 50건까지 보여요. 시간은 한국 시간이에요."
      items={charges}
      empty={{
        title: "결제 내역이 없어요",
        description: "결제가 이루어지면 금액과 결과, 영수증 링크가 여기에 쌓여요.",
      }}
    >
      {(charge) => {
        const at = charge.approvedAt ?? charge.createdAt;
        // A charge refunded in full is no longer "결제 완료" to the customer.
        const recovered = settledLater.has(charge.id);
        const result =
          charge.status === "succeeded" && charge.refundedAmount >= charge.amount
            ? FULLY_REFUNDED
            : recovered
              ? PAID_LATER
              : RESULT[charge.status];
        const refund = refundNote(charge);
        return (
          <li key={charge.id} className="flex items-start justify-between gap-4 py-4">
            <div className="min-w-0 space-y-1">
              <p className="font-bold">{describe(charge)}</p>
              <p className="text-sm text-muted">
                <time dateTime={at.toISOString()}>{formatSeoulDateTime(at)}</time>
              </p>
              {charge.status === "failed" && charge.customerMessage && (
                <p className={cx("text-sm", recovered ? "text-muted" : "text-danger")}>
                  {charge.customerMessage}
                </p>
              )}
            </div>
            <div className="flex shrink-0 flex-col items-end gap-1.5 text-right">
              <p className="font-bold tabular-nums">{formatKRW(charge.amount)}</p>
              {refund && <p className="text-xs text-muted">{refund}</p>}
              <Badge tone={result.tone}>{result.label}</Badge>
              {charge.status === "succeeded" && (
                <Link
                  href={`/account/receipts/${charge.id}`}
                  className="inline-flex min-h-touch items-center text-sm font-bold text-primary underline underline-offset-4 hover:no-underline"
                >
                  영수증<span className="sr-only"> 보기 ({describe(charge)})</span>
                </Link>
              )}
            </div>
          </li>
        );
      }}
    </ListSection>
  );
}
