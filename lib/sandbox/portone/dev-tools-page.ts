import { html, htmlResponse } from "@/lib/sandbox/shared/html";
import { TOOL_CSS, sandboxDocument } from "@/lib/sandbox/shared/layout";
import { toolTable } from "@/lib/sandbox/shared/tool-table";
import type { PortOneContext } from "./context";
import type { Overview } from "./dev-tools";
import { INSTRUMENTS, findInstrument, instrumentName } from "./instruments";
import type { WebhookSettingsView as SettingsView } from "@/lib/sandbox/shared/webhook-settings";

// {base}/_sandbox as a page (dev-tools.ts has the JSON and the actions): stores with their
// secrets (what to put in PORTONE_*), billing keys with the customer's Toss-app actions
// (delete, change method), payments, webhook deliveries, the switches and the ledger's links.

const won = (n: number) => `${n.toLocaleString("ko-KR")}원`;

export function toolsPage(ctx: PortOneContext, data: Overview, settings: SettingsView): Response {
  const tools = `${ctx.basePath}/_sandbox`;
  const storeRows = data.stores.map(
    (s) =>
      html`<tr>
        <td>${s.name}</td>
        <td class="mono">PORTONE_STORE_ID=${s.storeId}</td>
        <td class="mono">PORTONE_API_SECRET=${s.apiSecret}</td>
        <td class="mono">PORTONE_CHANNEL_KEY=${s.channelKey}</td>
        <td class="mono">PORTONE_WEBHOOK_SECRET=${s.webhookSecret}</td>
      </tr>`,
  );
  const instrumentOptions = (current: string) =>
    INSTRUMENTS.map(
      (i) =>
        html`<option value="${i.id}" ${i.id === current ? html`selected` : ""}>
          ${instrumentName(i)} · ${i.label}
        </option>`,
    );
  const keyRows = data.billingKeys.map((k) => {
    const instrument = findInstrument(k.instrumentId);
    return html`<tr>
      <td class="mono">${k.billingKey}</td>
      <td class="mono">${k.customerId}</td>
      <td>
        ${instrument ? `${instrumentName(instrument)} (${instrument.label})` : k.instrumentId}
      </td>
      <td>
        ${
          k.deletedAt
            ? html`<span class="pill warn">삭제됨</span>`
            : html`<span class="pill ok">ISSUED</span>`
        }
      </td>
      <td>
        ${
          k.deletedAt
            ? ""
            : html`<form class="inline-form" method="post">
                <input type="hidden" name="billingKey" value="${k.billingKey}" />
                <select name="instrument" aria-label="새 결제수단">
                  ${instrumentOptions(k.instrumentId)}
                </select>
                <button class="tbtn ghost" formaction="${tools}/billing-keys/change-method">
                  결제수단 변경 (BillingKey.Updated)
                </button>
                <button class="tbtn danger" formaction="${tools}/billing-keys/delete">
                  고객이 해지 (BillingKey.Deleted)
                </button>
              </form>`
        }
      </td>
    </tr>`;
  });
  const paymentRows = data.payments.map(
    (p) =>
      html`<tr>
        <td class="mono">${p.paymentId}</td>
        <td><span class="pill ${p.status === "PAID" ? "ok" : "warn"}">${p.status}</span></td>
        <td class="num">${won(p.totalAmount)}</td>
        <td class="num">${won(p.cancelledAmount)}</td>
        <td class="mono">${p.pgCode ?? ""}</td>
        <td class="mono">${p.billingKey}</td>
      </tr>`,
  );
  const webhookRows = data.webhooks.map(
    (w) =>
      html`<tr>
        <td>${w.type}</td>
        <td><span class="pill ${w.state === "delivered" ? "ok" : "warn"}">${w.state}</span></td>
        <td class="num">${w.attempts}</td>
        <td>${w.lastError ?? ""}</td>
        <td class="mono">${w.url}</td>
      </tr>`,
  );
  const faults = [
    ["latencyMs", `${settings.latencyMs} ms`],
    ["errorRate", String(settings.errorRate)],
    ["timeoutRate", String(settings.timeoutRate)],
    ["lostResponseRate", String(settings.lostResponseRate)],
    ["seed", String(settings.seed ?? "—")],
    ["webhookUrl", settings.webhookUrl],
    ["webhookRetryMinuteMs", String(settings.webhookRetryMinuteMs)],
  ] as const;
  const body = html`<div class="tool">
    <div class="tool-head">
      <h1>포트원 샌드박스 <span class="sandbox-badge">샌드박스</span></h1>
      <nav class="tool-nav">
        <a href="${tools}/ledger">원장(JSON)</a>
        <a href="${tools}/webhooks">웹훅(JSON)</a>
        <a href="${tools}/settings">설정(JSON)</a>
        <a href="${tools}?format=json">전체(JSON)</a>
      </nav>
    </div>
    <p class="lead">
      api.portone.io (토스페이 채널)의 빌링키·결제 API와 결제창을 흉내 내요. API 기본 주소:
      <code>${ctx.baseUrl}</code> · 브라우저 SDK: <code>${ctx.baseUrl}/browser-sdk.js</code>
    </p>
    <h2>상점</h2>
    ${toolTable(["이름", "storeId", "API Secret", "채널 키", "웹훅 시크릿"], storeRows)}
    <form class="filters" method="post" action="${tools}/stores">
      <label>새 상점 이름 <input name="name" value="샌드박스 상점" /></label>
      <button class="tbtn">상점 만들기</button>
    </form>
    <h2>빌링키</h2>
    ${toolTable(["빌링키", "customerId", "결제수단", "상태", "고객이 토스 앱에서"], keyRows)}
    <h2>결제</h2>
    ${toolTable(["paymentId", "상태", "금액", "취소", "pgCode", "빌링키"], paymentRows)}
    <h2>웹훅</h2>
    ${toolTable(["type", "상태", "시도", "마지막 오류", "URL"], webhookRows)}
    <h2>스위치</h2>
    <div class="stats">
      ${faults.map(([name, value]) => html`<div class="stat">${name}<b>${value}</b></div>`)}
    </div>
    <p class="lead">
      바꾸려면 <code>PUT ${ctx.baseUrl}/_sandbox/settings</code> 에 JSON을 보내요. 예:
      <code>{"errorRate": 0.2, "latencyMs": 500}</code> (null은 기본값)
    </p>
  </div>`;
  return htmlResponse(
    sandboxDocument({
      title: "개발 도구",
      brand: "포트원 샌드박스",
      basePath: ctx.basePath,
      viewport: "width=device-width, initial-scale=1",
      css: TOOL_CSS,
      body,
    }),
  );
}
