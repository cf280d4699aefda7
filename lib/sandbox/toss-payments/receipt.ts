import { eq } from "drizzle-orm";
import { htmlResponse } from "@/lib/sandbox/shared/html";
import type { TossPaymentsContext } from "./context";
import { isoKst } from "./payment-view";
import { payments } from "./schema";
import { windowMessagePage } from "./views/billing-auth-page";

// {base}/receipt/redirection?paymentKey=…: what Payment.receipt.url opens. Toss's receipt page
// is public to whoever has the link (it is sent to customers); so is this one, and it shows
// no more than the customer's own receipt would.
export async function showReceipt(ctx: TossPaymentsContext, url: URL): Promise<Response> {
  const paymentKey = url.searchParams.get("paymentKey") ?? "";
  const [payment] = paymentKey
    ? await ctx.db.select().from(payments).where(eq(payments.paymentKey, paymentKey))
    : [];
  if (!payment || payment.status === "ABORTED") {
    return htmlResponse(
      windowMessagePage({
        basePath: ctx.basePath,
        title: "영수증을 찾을 수 없어요",
        description: "주소를 다시 확인해 주세요.",
      }),
      404,
    );
  }
  const cancelled = payment.totalAmount - payment.balanceAmount;
  return htmlResponse(
    windowMessagePage({
      basePath: ctx.basePath,
      title: `${payment.totalAmount.toLocaleString("ko-KR")}원 결제 영수증`,
      description: `${payment.orderName} · ${isoKst(payment.approvedAt ?? payment.requestedAt)}${
        cancelled > 0 ? ` · ${cancelled.toLocaleString("ko-KR")}원 취소` : ""
      }`,
      code: payment.orderId,
    }),
  );
}
