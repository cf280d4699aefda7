import { desc } from "drizzle-orm";
import { jsonResponse } from "./api-error";
import type { SandboxContext } from "./context";
import { formatKst } from "./kst-time";
import { callbackDeliveries } from "./schema";
import { deliveryProgress } from "@/lib/sandbox/shared/deliveries";
import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { toolPage } from "./views/layout";

// {base}/_sandbox: what the sandbox is, its addresses, and the last callback deliveries.
// {base}/_sandbox/callbacks: the deliveries as JSON, for tests.

const CALLBACK_LIST_LIMIT = 200;

function actionOf(payload: unknown): string | null {
  const action = (payload as { action?: unknown } | null)?.action;
  return typeof action === "string" ? action : null;
}

async function recentDeliveries(ctx: SandboxContext) {
  return ctx.db
    .select()
    .from(callbackDeliveries)
    .orderBy(desc(callbackDeliveries.createdAt))
    .limit(CALLBACK_LIST_LIMIT);
}

export async function listCallbacks(ctx: SandboxContext): Promise<Response> {
  const rows = await recentDeliveries(ctx);
  return jsonResponse({
    deliveries: rows.map((d) => ({
      id: d.id,
      billingKey: d.billingKey,
      action: actionOf(d.payload),
      ...deliveryProgress(d),
      maxAttempts: d.maxAttempts,
      createdAt: d.createdAt.toISOString(),
    })),
  });
}

export async function showHome(ctx: SandboxContext): Promise<Response> {
  const deliveries = (await recentDeliveries(ctx)).slice(0, 30);
  const base = ctx.baseUrl;
  const body = html`<p class="lead">
      pay.toss.im 자동결제(빌링키) API와 토스 앱 화면을 흉내 내는 샌드박스예요.
      <code>sk_test_</code>로 시작하는 키는 모두 받고, 돈은 움직이지 않아요.
    </p>
    <div class="table-wrap">
      <table>
        <tbody>
          <tr>
            <th>API 기본 주소</th>
            <td class="mono">${base}</td>
          </tr>
          <tr>
            <th>빌링키 생성</th>
            <td class="mono">POST ${base}/api/v1/billing-key</td>
          </tr>
          <tr>
            <th>빌링키 상태 · 삭제</th>
            <td class="mono">POST ${base}/api/v1/billing-key/status · /remove</td>
          </tr>
          <tr>
            <th>자동결제 승인</th>
            <td class="mono">POST ${base}/api/v1/billing-key/bill</td>
          </tr>
          <tr>
            <th>환불 · 결제 상태</th>
            <td class="mono">POST ${base}/api/v2/refunds · /api/v2/status</td>
          </tr>
          <tr>
            <th>토스 앱 화면</th>
            <td class="mono">${base}/payfront/billing?token=…[&amp;platform=android|ios]</td>
          </tr>
          <tr>
            <th>매출전표</th>
            <td class="mono">
              ${base}/payfront/web/external/sales-check?payToken=…&amp;transactionId=…
            </td>
          </tr>
          <tr>
            <th>장애 스위치</th>
            <td class="mono">GET/PUT ${base}/_sandbox/settings</td>
          </tr>
          <tr>
            <th>원장 (JSON)</th>
            <td class="mono">GET ${base}/_sandbox/ledger?format=json</td>
          </tr>
          <tr>
            <th>콜백 전송 기록 (JSON)</th>
            <td class="mono">GET ${base}/_sandbox/callbacks</td>
          </tr>
        </tbody>
      </table>
    </div>
    <h2 style="font-size:17px;margin:28px 0 10px">최근 콜백 전송</h2>
    <div class="table-wrap">
      ${
        deliveries.length === 0
          ? html`<p class="empty">아직 보낸 콜백이 없어요.</p>`
          : html`<table>
              <thead>
                <tr>
                  <th>생성 (KST)</th>
                  <th>action</th>
                  <th>URL</th>
                  <th>상태</th>
                  <th>시도</th>
                  <th>마지막 응답</th>
                </tr>
              </thead>
              <tbody>
                ${deliveries.map(
                  (d) =>
                    html`<tr>
                      <td class="mono">${formatKst(d.createdAt)}</td>
                      <td class="mono">${actionOf(d.payload)}</td>
                      <td class="mono">${d.url}</td>
                      <td>
                        <span
                          class="pill ${d.state === "delivered" ? "ok" : d.state === "failed" ? "warn" : "blue"}"
                          >${d.state}</span
                        >
                      </td>
                      <td class="num">${d.attempts}/${d.maxAttempts}</td>
                      <td class="mono">${d.lastStatus ?? d.lastError ?? "-"}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
      }
    </div>`;
  return htmlResponse(
    toolPage({ title: "토스페이 샌드박스", basePath: ctx.basePath, current: "home", body }),
  );
}
