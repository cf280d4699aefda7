import { type Html, html, raw } from "@/lib/sandbox/shared/html";
import { approvalFooter, inlineScript, tossWindowDocument } from "@/lib/sandbox/shared/layout";
import { radioChoice } from "@/lib/sandbox/shared/radio-choice";
import { DEFAULT_INSTRUMENT_ID, INSTRUMENTS, type Instrument } from "../instruments";
import type { IssueResponse } from "../issuance";

// The issuance window the customer sees: PortOne's window with the Toss app's approval screen
// inside (the store, what is being registered, the method to link). Plain HTML forms, so it
// works without script and from tests; the sandbox's test outcomes are the instruments' labels.

const BRAND = "포트원 샌드박스";

function windowDocument(title: string, basePath: string, body: Html): Html {
  return tossWindowDocument({ title, brand: BRAND, product: "pay", basePath, body });
}

const COLORS: Record<Instrument["kind"], string> = {
  card: "#3182f6",
  account: "#03b26c",
  money: "#191f28",
};

function instrumentTile(i: Instrument): Html {
  const title = i.kind === "card" ? i.company : i.kind === "account" ? i.bankName : "토스머니";
  const detail =
    i.kind === "card"
      ? `${i.cardType === "DEBIT" ? "체크" : "신용"} ${i.number.slice(-4)}`
      : i.kind === "account"
        ? i.accountNumber
        : "충전 잔액으로 결제";
  return radioChoice({
    look: "tile",
    name: "instrument",
    value: i.id,
    checked: i.id === DEFAULT_INSTRUMENT_ID,
    content: html`<span class="acct-icon" style="background:${COLORS[i.kind]}" aria-hidden="true"
        >${title.slice(0, 1)}</span
      ><span class="acct-text">${title} ${detail}<small>테스트: ${i.label}</small></span>`,
  });
}

export function issuancePage(m: {
  basePath: string;
  token: string;
  storeName: string;
  issueName: string | null;
  customerName: string | null;
}): Html {
  const action = `${m.basePath}/issuance`;
  const group = (kind: Instrument["kind"], title: string) =>
    html`<section class="section" aria-labelledby="${kind}-title">
      <h2 class="section-title" id="${kind}-title">${title}</h2>
      <div class="rows">${INSTRUMENTS.filter((i) => i.kind === kind).map(instrumentTile)}</div>
    </section>`;
  const body = html`<main>
    <p class="eyebrow">토스페이 자동결제 등록</p>
    <h1>${m.storeName}에<br />자동결제를 등록할게요</h1>
    <p class="sub">
      ${m.customerName ? `${m.customerName}님, ` : ""}등록하면 ${m.storeName}이(가) 정해진 날에 고른
      결제수단으로 결제를 요청해요. 결제수단은 토스 앱에서 언제든 바꿀 수 있어요.
    </p>
    <dl class="summary">
      <div class="summary-row">
        <dt>가맹점</dt>
        <dd>${m.storeName}</dd>
      </div>
      ${
        m.issueName
          ? html`<div class="summary-row">
              <dt>등록 내용</dt>
              <dd>${m.issueName}</dd>
            </div>`
          : ""
      }
    </dl>
    <form method="post" action="${action}/approve">
      <input type="hidden" name="token" value="${m.token}" />
      ${group("card", "카드")} ${group("account", "계좌")} ${group("money", "토스머니")}
      <p class="hint">
        샌드박스에서는 고른 결제수단이 이후 자동결제 결과를 정해요. ‘등록 실패’를 고르면 등록이
        거절돼요.
      </p>
      ${approvalFooter({
        terms: [
          "[필수] 토스페이 자동결제 이용 약관",
          "[필수] 개인정보 제3자 제공 동의 (포트원, 가맹점)",
        ],
        cancelAction: `${action}/cancel`,
      })}
    </form>
  </main>`;
  return windowDocument("자동결제 등록", m.basePath, body);
}

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028|\u2029/g, "");

/**
 * The popup's last page: hands the result to the SDK in the opener (postMessage to the
 * opener's origin only) and closes. The result is also in the page, for tests and for a
 * developer looking at a window the browser kept open.
 */
export function popupResultPage(m: {
  basePath: string;
  nonce: string | undefined;
  response: IssueResponse;
  requestId: string | null;
  openerOrigin: string | null;
}): Html {
  const ok = !m.response.code;
  const message = { source: "portone-sandbox", requestId: m.requestId, response: m.response };
  const script = `(function(){var m=${scriptJson(message)};var o=${scriptJson(m.openerOrigin)};
if(window.opener&&o){window.opener.postMessage(m,o);}setTimeout(function(){window.close();},50);})();`;
  const body = html`<main class="message">
      <div class="message-icon ${ok ? "ok" : "warn"}">${ok ? "✓" : "!"}</div>
      <h1>${ok ? "자동결제를 등록했어요" : "자동결제를 등록하지 않았어요"}</h1>
      <p>${ok ? "이 창은 곧 닫혀요." : (m.response.message ?? "")}</p>
      <p class="code" id="issue-result" data-result="${JSON.stringify(m.response)}">
        ${m.response.code ?? m.response.billingKey ?? ""}
      </p>
    </main>
    ${m.openerOrigin ? inlineScript(script, m.nonce) : raw("")}`;
  return windowDocument(ok ? "등록 완료" : "등록 안 됨", m.basePath, body);
}
