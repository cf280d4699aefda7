import { eq } from "drizzle-orm";
import type { SandboxContext } from "./context";
import { instrumentOf } from "./instruments";
import { formatKst } from "./kst-time";
import { PAY_STATUS_LABEL, effectivePayStatus, refundsOf } from "./payment-view";
import { charges } from "./schema";
import { messagePage } from "./views/checkout-page";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { appHeader, appPage } from "./views/layout";

// GET {base}/payfront/web/external/sales-check?payToken=…&transactionId=… : the card receipt
// (매출전표) that salesCheckLinkUrl points at. Like Toss's, it exists for card payments only
// (SALES_CHECK_CARD_ONLY), and the pair payToken + transactionId is the capability to see it.

const won = (amount: number) => `${amount.toLocaleString("ko-KR")}원`;

export async function showReceipt(ctx: SandboxContext, url: URL): Promise<Response> {
  const payToken = url.searchParams.get("payToken") ?? "";
  const transactionId = url.searchParams.get("transactionId") ?? "";
  const [charge] = payToken
    ? await ctx.db.select().from(charges).where(eq(charges.payToken, payToken))
    : [];
  if (!charge || !charge.transactionId || charge.transactionId !== transactionId) {
    return htmlResponse(
      messagePage({
        basePath: ctx.basePath,
        tone: "warn",
        title: "매출전표를 찾을 수 없어요",
        description: "주소가 정확한지 확인해 주세요.",
        code: "SALES_CHECK_NOT_FOUND",
      }),
      404,
    );
  }
  const instrument = instrumentOf(charge.instrumentId);
  const f = instrument.fields;
  if (f.payMethod !== "CARD") {
    return htmlResponse(
      messagePage({
        basePath: ctx.basePath,
        tone: "info",
        title: "카드 결제만 매출전표가 있어요",
        description: "계좌·토스머니 결제는 매출전표를 발행하지 않아요.",
        code: "SALES_CHECK_CARD_ONLY",
      }),
      404,
    );
  }
  const chargeRefunds = await refundsOf(ctx.db, charge.id);
  const status = effectivePayStatus(charge, ctx.now);
  const fullyRefunded = charge.refundedAmount === charge.amount;
  const row = (label: string, value: string, cls = "") =>
    html`<div class="summary-row ${cls}">
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;

  const body = html`${appHeader()}
    <main>
      <p class="eyebrow">신용카드 매출전표</p>
      <h1>${won(charge.amount)}</h1>
      <p class="sub">${charge.productDesc}</p>
      ${
        charge.refundedAmount > 0
          ? html`<span class="stamp"
              >${fullyRefunded ? "전액 취소" : `부분 취소 ${won(charge.refundedAmount)}`}</span
            >`
          : ""
      }
      <section class="receipt" aria-label="결제 정보">
        <div class="receipt-head">
          <h2>샌드박스 테스트 가맹점</h2>
          <p>테스트 거래 · 실제 카드 승인이 아니에요</p>
        </div>
        <dl>
          ${row("카드", `${f.cardCompanyName}카드 (${f.cardMethodType === "CHECK" ? "체크" : "신용"})`)}
          ${row("카드번호", f.cardNumber)} ${row("승인번호", "00000000")}
          ${row("승인일시", charge.approvedAt ? formatKst(charge.approvedAt) : "-")}
          ${row("할부", charge.spreadOut > 0 ? `${charge.spreadOut}개월` : "일시불")}
          ${row("주문번호", charge.orderNo)}
        </dl>
      </section>
      <section class="receipt" aria-label="금액">
        <dl>
          ${row("공급가액", won(charge.amountTaxable))} ${row("부가세", won(charge.amountVat))}
          ${row("면세", won(charge.amountTaxFree))} ${row("봉사료", won(charge.amountServiceFee))}
          ${chargeRefunds.map((r) => row(`취소 (${formatKst(r.createdAt)})`, `-${won(r.amount)}`))}
          ${row("합계", won(charge.amount - charge.refundedAmount), "total")}
        </dl>
      </section>
      <p class="timer">결제 상태: ${PAY_STATUS_LABEL[status]} (${status})</p>
    </main>`;
  return htmlResponse(appPage({ title: "매출전표", basePath: ctx.basePath, body }));
}
