import { desc, eq } from "drizzle-orm";
import type { MountedRequest } from "@/lib/sandbox/shared/context";
import { readFields, wantsJson } from "@/lib/sandbox/shared/form-fields";
import { deliveryProgress } from "@/lib/sandbox/shared/deliveries";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { readJsonObject } from "@/lib/sandbox/shared/json-body";
import { jsonResponse } from "@/lib/sandbox/shared/json-response";
import { TOOL_CSS, sandboxDocument } from "@/lib/sandbox/shared/layout";
import { toolTable } from "@/lib/sandbox/shared/tool-table";
import { settingsEndpoint } from "@/lib/sandbox/shared/settings-endpoint";
import { TossPaymentsError, invalidJsonBody } from "./api-error";
import { DELETE_REASONS, deleteBillingKey } from "./billing-keys";
import type { TossPaymentsContext } from "./context";
import { newBillingKey } from "./ids";
import { findInstrument } from "./instruments";
import { billingObject, isoKst } from "./payment-view";
import { billingKeys, cancels, payments, webhookDeliveries } from "./schema";
import { SETTINGS_STORE } from "./settings";
import { CUSTOMER_KEY, requiredString } from "./validation";

// Developer tools ({base}/_sandbox/**), not part of Toss's API; the host decides who may use
// them (handler.ts authorizeTools). They show every billing key in full and act as the
// customer or as Toss itself:
//
// GET  /_sandbox                              keys, payments, webhooks (HTML; ?format=json)
// POST /_sandbox/billing-keys                 JSON {secretKey, customerKey, instrument?} → Billing
// POST /_sandbox/billing-keys/delete          {billingKey}: deleted as if in Toss's console
// POST /_sandbox/billing-keys/withdraw        {billingKey}: the customer leaves 퀵계좌이체
// GET  /_sandbox/ledger                       every payment and cancel as JSON (?secretKey=…)
// GET  /_sandbox/webhooks                     webhook deliveries as JSON
// GET/PUT /_sandbox/settings                  switches (settings.ts)
// Both deletions queue BILLING_DELETED (docs/providers.md §2.6).

const LIST_LIMIT = 200;

async function overview(ctx: TossPaymentsContext) {
  const [keys, paymentRows, webhooks] = await Promise.all([
    ctx.db.select().from(billingKeys).orderBy(desc(billingKeys.authenticatedAt)).limit(LIST_LIMIT),
    ctx.db.select().from(payments).orderBy(desc(payments.requestedAt)).limit(LIST_LIMIT),
    ctx.db
      .select()
      .from(webhookDeliveries)
      .orderBy(desc(webhookDeliveries.createdAt))
      .limit(LIST_LIMIT),
  ]);
  return {
    billingKeys: keys.map((k) => ({
      billingKey: k.billingKey,
      customerKey: k.customerKey,
      method: k.method,
      instrumentId: k.instrumentId,
      authenticatedAt: k.authenticatedAt.toISOString(),
      deletedAt: k.deletedAt?.toISOString() ?? null,
      deleteReason: k.deleteReason,
    })),
    payments: paymentRows.map((p) => ({
      paymentKey: p.paymentKey,
      orderId: p.orderId,
      billingKey: p.billingKey,
      status: p.status,
      totalAmount: p.totalAmount,
      balanceAmount: p.balanceAmount,
      failureCode: p.failureCode,
      requestedAt: p.requestedAt.toISOString(),
    })),
    webhooks: webhooks.map((w) => ({
      transmissionId: w.id,
      eventType: w.eventType,
      ...deliveryProgress(w),
    })),
  };
}

function homePage(ctx: TossPaymentsContext, data: Awaited<ReturnType<typeof overview>>) {
  const keyRows = data.billingKeys.map(
    (k) =>
      html`<tr>
        <td class="mono">${k.billingKey}</td>
        <td class="mono">${k.customerKey}</td>
        <td>${k.method === "CARD" ? "카드" : "퀵계좌이체"}</td>
        <td class="mono">${k.instrumentId}</td>
        <td>
          ${
            k.deletedAt
              ? html`<span class="pill warn">삭제됨</span> ${k.deleteReason ?? ""}`
              : html`<form class="inline-form" method="post">
                  <input type="hidden" name="billingKey" value="${k.billingKey}" />
                  <button
                    class="tbtn danger"
                    formaction="${ctx.basePath}/_sandbox/billing-keys/delete"
                  >
                    삭제
                  </button>
                  ${
                    k.method === "TRANSFER"
                      ? html`<button
                          class="tbtn ghost"
                          formaction="${ctx.basePath}/_sandbox/billing-keys/withdraw"
                        >
                          퀵계좌이체 탈퇴
                        </button>`
                      : ""
                  }
                </form>`
          }
        </td>
      </tr>`,
  );
  const paymentRows = data.payments.map(
    (p) =>
      html`<tr>
        <td class="mono">${p.orderId}</td>
        <td><span class="pill ${p.status === "DONE" ? "ok" : "warn"}">${p.status}</span></td>
        <td class="num">${p.totalAmount.toLocaleString("ko-KR")}원</td>
        <td class="num">${p.balanceAmount.toLocaleString("ko-KR")}원</td>
        <td class="mono">${p.failureCode ?? ""}</td>
        <td class="mono">${p.paymentKey}</td>
      </tr>`,
  );
  const webhookRows = data.webhooks.map(
    (w) =>
      html`<tr>
        <td>${w.eventType}</td>
        <td><span class="pill ${w.state === "delivered" ? "ok" : "warn"}">${w.state}</span></td>
        <td class="num">${w.attempts}</td>
        <td>${w.lastError ?? ""}</td>
        <td class="mono">${w.url}</td>
      </tr>`,
  );
  const body = html`<div class="tool">
    <div class="tool-head">
      <h1>토스페이먼츠 샌드박스 <span class="sandbox-badge">샌드박스</span></h1>
      <nav class="tool-nav">
        <a href="${ctx.basePath}/_sandbox/ledger">원장(JSON)</a>
        <a href="${ctx.basePath}/_sandbox/webhooks">웹훅(JSON)</a>
        <a href="${ctx.basePath}/_sandbox/settings">설정(JSON)</a>
      </nav>
    </div>
    <p class="lead">
      api.tosspayments.com 자동결제(빌링) API와 결제창을 흉내 내요. API 기본 주소:
      <code>${ctx.baseUrl}</code>
    </p>
    <h2>빌링키</h2>
    ${toolTable(["빌링키", "customerKey", "수단", "테스트 수단", ""], keyRows)}
    <h2>결제</h2>
    ${toolTable(["orderId", "상태", "금액", "잔액", "실패 코드", "paymentKey"], paymentRows)}
    <h2>웹훅</h2>
    ${toolTable(["이벤트", "상태", "시도", "마지막 오류", "URL"], webhookRows)}
  </div>`;
  return htmlResponse(
    sandboxDocument({
      title: "개발 도구",
      brand: "토스페이먼츠 샌드박스",
      basePath: ctx.basePath,
      viewport: "width=device-width, initial-scale=1",
      css: TOOL_CSS,
      body,
    }),
  );
}

/** POST /_sandbox/billing-keys: a key at once, without the window (tests, benchmarks). */
async function createKey(ctx: TossPaymentsContext, request: Request): Promise<Response> {
  const body = await readJsonObject(request, invalidJsonBody);
  const secretKey = requiredString(body, "secretKey", { max: 200, pattern: /^test_g?sk_/ });
  const customerKey = requiredString(body, "customerKey", CUSTOMER_KEY);
  const instrumentId =
    typeof body.instrument === "string" ? body.instrument : "card:41:4330123412341234";
  const instrument = findInstrument(instrumentId);
  if (!instrument) {
    throw new TossPaymentsError("INVALID_REQUEST", "instrument: 알 수 없는 테스트 수단입니다.");
  }
  const [key] = await ctx.db
    .insert(billingKeys)
    .values({
      billingKey: newBillingKey(),
      secretKey,
      customerKey,
      method: instrument.kind === "card" ? "CARD" : "TRANSFER",
      instrumentId: instrument.id,
      cardType: instrument.kind === "card" ? (body.cardType === "체크" ? "체크" : "신용") : null,
      ownerType: instrument.kind === "card" ? (body.ownerType === "법인" ? "법인" : "개인") : null,
      authenticatedAt: ctx.now,
    })
    .returning();
  return jsonResponse(billingObject(key!));
}

/** Delete or withdraw: JSON for scripts, a redirect back to the page for the HTML form. */
async function endKey(
  ctx: TossPaymentsContext,
  request: Request,
  reason: string,
): Promise<Response> {
  const json = wantsJson(request);
  const { billingKey = "" } = await readFields(request, invalidJsonBody);
  const [key] = await ctx.db
    .select()
    .from(billingKeys)
    .where(eq(billingKeys.billingKey, billingKey));
  const refused = !key
    ? "존재하지 않는 빌링키예요."
    : reason === DELETE_REASONS.withdrawal && key.method !== "TRANSFER"
      ? "퀵계좌이체 빌링키만 탈퇴할 수 있어요."
      : null;
  const deleted = !refused && key ? await deleteBillingKey(ctx, key, reason) : false;
  if (json) {
    if (refused) return jsonResponse({ code: "INVALID_REQUEST", message: refused }, 400);
    return jsonResponse({ billingKey, deleted });
  }
  return new Response(null, {
    status: 303,
    headers: { location: `${ctx.baseUrl}/_sandbox` },
  });
}

async function ledger(ctx: TossPaymentsContext, url: URL): Promise<Response> {
  const secretKey = url.searchParams.get("secretKey");
  const paymentRows = await ctx.db
    .select()
    .from(payments)
    .where(secretKey ? eq(payments.secretKey, secretKey) : undefined)
    .orderBy(payments.requestedAt);
  const cancelRows = await ctx.db
    .select({ cancel: cancels })
    .from(cancels)
    .innerJoin(payments, eq(payments.paymentKey, cancels.paymentKey))
    .where(secretKey ? eq(payments.secretKey, secretKey) : undefined)
    .orderBy(cancels.canceledAt);
  return jsonResponse({
    payments: paymentRows.map((p) => ({
      paymentKey: p.paymentKey,
      orderId: p.orderId,
      billingKey: p.billingKey,
      customerKey: p.customerKey,
      status: p.status,
      totalAmount: p.totalAmount,
      balanceAmount: p.balanceAmount,
      failureCode: p.failureCode,
      requestedAt: isoKst(p.requestedAt),
      approvedAt: p.approvedAt ? isoKst(p.approvedAt) : null,
    })),
    cancels: cancelRows.map(({ cancel }) => ({
      transactionKey: cancel.transactionKey,
      paymentKey: cancel.paymentKey,
      cancelAmount: cancel.cancelAmount,
      cancelReason: cancel.cancelReason,
      canceledAt: isoKst(cancel.canceledAt),
    })),
  });
}

export async function routeTools(
  mounted: MountedRequest<TossPaymentsContext>,
): Promise<Response | null> {
  const { ctx, request, method, url, path } = mounted;
  if (path === "/_sandbox" && method === "GET") {
    const data = await overview(ctx);
    return url.searchParams.get("format") === "json" ? jsonResponse(data) : homePage(ctx, data);
  }
  if (path === "/_sandbox/webhooks" && method === "GET") {
    return jsonResponse({ deliveries: (await overview(ctx)).webhooks });
  }
  if (path === "/_sandbox/ledger" && method === "GET") return ledger(ctx, url);
  if (path === "/_sandbox/billing-keys" && method === "POST") return createKey(ctx, request);
  if (path === "/_sandbox/billing-keys/delete" && method === "POST") {
    return endKey(ctx, request, DELETE_REASONS.tools);
  }
  if (path === "/_sandbox/billing-keys/withdraw" && method === "POST") {
    return endKey(ctx, request, DELETE_REASONS.withdrawal);
  }
  if (path === "/_sandbox/settings" && ["GET", "PUT", "POST"].includes(method)) {
    return settingsEndpoint(request, ctx, SETTINGS_STORE, invalidJsonBody);
  }
  return null;
}
