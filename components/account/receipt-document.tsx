import type { ReactNode } from "react";
import { describeMethod } from "@/components/payment-methods/describe-method";
import { formatKRW, formatSeoulDateTime } from "@/lib/format";
import { CASH_RECEIPT_TRADE_LABELS } from "@/lib/receipts/labels";
import type { Receipt } from "@/lib/receipts/get-receipt";
import { providerLabel } from "@/lib/payments/registry";

function Row({ term, children, strong }: { term: string; children: ReactNode; strong?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-2">
      <dt className="shrink-0 text-muted">{term}</dt>
      <dd className={strong ? "text-lg font-bold tabular-nums" : "text-right tabular-nums"}>
        {children}
      </dd>
    </div>
  );
}

function methodLabel(receipt: Receipt): string {
  const provider = providerLabel(receipt.provider);
  if (!receipt.method) return provider;
  const method = describeMethod(receipt.method);
  return [provider, method.title, method.number].filter(Boolean).join(" · ");
}

function cashReceiptLabel(receipt: Receipt): string | null {
  switch (receipt.cashReceipt.kind) {
    case "not_applicable":
      return null;
    case "requested":
      return `발급 요청 (${CASH_RECEIPT_TRADE_LABELS[receipt.cashReceipt.tradeOption]}) · 토스페이가 자동으로 발급해요`;
    case "not_requested":
      return "발급하지 않았어요";
  }
}

/**
 * Our receipt of one charge: what was bought, when, the amount split into 공급가액 · 부가세 ·
 * 면세 금액, how it was paid, and who sold it (전자상거래법 §10 details). Prints on one page.
 */
export function ReceiptDocument({ receipt }: { receipt: Receipt }) {
  const { split, seller } = receipt;
  const cashReceipt = cashReceiptLabel(receipt);
  const sellerRows = [
    ["상호", seller.businessName],
    ["대표자", seller.representativeName],
    ["사업자등록번호", seller.businessRegistrationNumber],
    ["통신판매업 신고번호", seller.mailOrderRegistrationNumber],
    ["주소", seller.businessAddress],
    ["고객센터", [seller.supportPhone, seller.supportEmail].filter(Boolean).join(" · ")],
  ].filter((row): row is [string, string] => Boolean(row[1]?.trim()));

  return (
    <article
      aria-labelledby="receipt-title"
      className="rounded-card border border-border bg-surface p-5 shadow-card sm:p-8 print:border-0 print:p-0 print:shadow-none"
    >
      <header className="space-y-1 border-b border-border pb-4">
        <p className="text-sm font-bold text-primary">{seller.businessName}</p>
        <h2 id="receipt-title" className="text-xl font-bold">
          {receipt.orderName}
        </h2>
        <p className="text-sm text-muted">
          <time dateTime={receipt.approvedAt.toISOString()}>
            {formatSeoulDateTime(receipt.approvedAt)}
          </time>{" "}
          결제
        </p>
        {receipt.testMode && (
          <p className="text-sm font-bold text-warning">
            테스트 결제예요. 실제로 돈이 오가지 않았어요.
          </p>
        )}
      </header>

      <section aria-label="금액" className="border-b border-border py-2">
        <dl>
          <Row term="공급가액">{formatKRW(split.supply)}</Row>
          <Row term="부가세">{formatKRW(split.vat)}</Row>
          <Row term="면세 금액">{formatKRW(split.taxFree)}</Row>
          <Row term="합계" strong>
            {formatKRW(split.total)}
          </Row>
          {receipt.refundedAmount > 0 && (
            <Row term="환불된 금액">
              {receipt.refundedAmount >= split.total
                ? `${formatKRW(receipt.refundedAmount)} (전액 환불)`
                : formatKRW(receipt.refundedAmount)}
            </Row>
          )}
        </dl>
      </section>

      <section aria-label="결제 정보" className="border-b border-border py-2">
        <dl>
          <Row term="결제수단">{methodLabel(receipt)}</Row>
          {cashReceipt && <Row term="현금영수증">{cashReceipt}</Row>}
          <Row term="구매자">{receipt.buyer.name ?? receipt.buyer.email}</Row>
          <Row term="주문번호">
            <span className="break-all text-sm">{receipt.orderId}</span>
          </Row>
        </dl>
        {receipt.providerReceiptUrl && (
          <p className="py-2 print:hidden">
            <a
              href={receipt.providerReceiptUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex min-h-touch items-center text-sm font-bold text-primary underline underline-offset-4 hover:no-underline"
            >
              결제사 영수증 보기<span className="sr-only"> (새 창)</span>
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="seller-title" className="pt-4 text-sm">
        <h3 id="seller-title" className="mb-2 font-bold">
          판매자 정보
        </h3>
        <dl className="space-y-1">
          {sellerRows.map(([term, value]) => (
            <div key={term} className="flex gap-2">
              <dt className="shrink-0 text-muted after:content-[':']">{term}</dt>
              <dd className="break-words">{value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </article>
  );
}
