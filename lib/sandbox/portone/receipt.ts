import { and, eq } from "drizzle-orm";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { PHONE_CSS, sandboxDocument } from "@/lib/sandbox/shared/layout";
import type { PortOneContext } from "./context";
import { payments } from "./schema";

// {base}/receipts?paymentId=…&storeId=…: what receiptUrl opens. Public to whoever has the link,
// like a real receipt, and shows no more than the customer's own receipt would.

export function messagePage(
  ctx: PortOneContext,
  m: {
    title: string;
    description: string;
    code?: string | undefined;
    tone?: "ok" | "warn" | "info";
  },
) {
  const icon = m.tone === "ok" ? "✓" : m.tone === "warn" ? "!" : "i";
  return sandboxDocument({
    title: m.title,
    brand: "포트원 샌드박스",
    basePath: ctx.basePath,
    viewport: "width=device-width, initial-scale=1",
    css: PHONE_CSS,
    body: html`<div class="phone">
      <div class="message">
        <div class="message-icon ${m.tone ?? "info"}">${icon}</div>
        <h1>${m.title}</h1>
        <p>${m.description}</p>
        ${m.code ? html`<p class="code">${m.code}</p>` : ""}
      </div>
    </div>`,
  });
}

export async function showReceipt(ctx: PortOneContext, url: URL): Promise<Response> {
  const paymentId = url.searchParams.get("paymentId") ?? "";
  const storeId = url.searchParams.get("storeId") ?? "";
  const [payment] =
    paymentId && storeId
      ? await ctx.db
          .select()
          .from(payments)
          .where(and(eq(payments.paymentId, paymentId), eq(payments.storeId, storeId)))
      : [];
  if (!payment || payment.status === "FAILED") {
    return htmlResponse(
      messagePage(ctx, {
        title: "영수증을 찾을 수 없어요",
        description: "주소를 다시 확인해 주세요.",
      }),
      404,
    );
  }
  const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;
  return htmlResponse(
    messagePage(ctx, {
      title: `${won(payment.totalAmount)} 결제 영수증`,
      description: `${payment.orderName} · 토스페이${
        payment.cancelledAmount > 0 ? ` · ${won(payment.cancelledAmount)} 취소` : ""
      }`,
      code: payment.paymentId,
      tone: "ok",
    }),
  );
}
