import { type Html, html } from "@/lib/sandbox/shared/html";
import { approvalFooter, tossWindowDocument } from "@/lib/sandbox/shared/layout";
import { radioChoices } from "@/lib/sandbox/shared/radio-choice";
import { CARD_COMPANIES, TEST_ACCOUNTS, TEST_CARDS } from "../instruments";

// The billing-auth window the customer sees (docs/providers.md §2.2): a card form for
// method CARD, a 퀵계좌이체 account picker for TRANSFER. Plain HTML forms without script, so
// it works under any CSP and from tests; the sandbox's test choices sit in a dashed box.

const BRAND = "토스페이먼츠 샌드박스";
const WINDOW_CSS = `.logo .pay{color:var(--blue)}
.field{display:flex;flex-direction:column;gap:6px;margin-top:16px;font-size:14px;font-weight:600;color:var(--grey700)}
.field input{height:52px;padding:0 14px;border:1.5px solid var(--grey200);border-radius:14px;font:inherit;font-size:17px;letter-spacing:.5px}
.field input:focus{outline:3px solid rgba(49,130,246,.3);border-color:var(--blue)}
.test-list{margin:8px 0 0;padding-left:18px;font-size:13px;color:var(--grey600)}
.test-list code{font-size:13px;color:var(--grey800)}`;

function windowDocument(title: string, basePath: string, body: Html): Html {
  return tossWindowDocument({
    title,
    brand: BRAND,
    product: "payments",
    basePath,
    css: WINDOW_CSS,
    body,
  });
}

export type BillingAuthPageModel = {
  basePath: string;
  token: string;
  method: "CARD" | "TRANSFER";
  customerName: string | null;
  error?: string | undefined;
  values?: Record<string, string> | undefined;
};

function cardFields(values: Record<string, string>): Html {
  const issuer = values.issuerCode ?? CARD_COMPANIES[0].code;
  const tiles = radioChoices(
    "tile",
    "issuerCode",
    CARD_COMPANIES.map((c) => [c.code, c.name]),
    issuer,
  );
  return html`<section class="section" aria-labelledby="company-title">
      <h2 class="section-title" id="company-title">카드사</h2>
      <div class="cards">${tiles}</div>
    </section>
    <label class="field"
      >카드 번호
      <input
        name="cardNumber"
        inputmode="numeric"
        autocomplete="off"
        required
        pattern="[0-9 \\-]{15,19}"
        value="${values.cardNumber ?? "4330123412341234"}"
      />
    </label>
    <section class="section" aria-labelledby="type-title">
      <h2 class="section-title" id="type-title">카드 종류</h2>
      <div class="chips">
        ${radioChoices(
          "chip",
          "cardType",
          [
            ["신용", "신용카드"],
            ["체크", "체크카드"],
          ],
          values.cardType ?? "신용",
        )}
        ${radioChoices(
          "chip",
          "ownerType",
          [
            ["개인", "개인"],
            ["법인", "법인"],
          ],
          values.ownerType ?? "개인",
        )}
      </div>
    </section>`;
}

function accountFields(values: Record<string, string>): Html {
  const selected = values.account ?? TEST_ACCOUNTS[0]?.id;
  const rows = radioChoices(
    "tile",
    "account",
    TEST_ACCOUNTS.map((a) => [
      a.id,
      html`<span class="acct-text"
        >${a.bankName}<small>${a.accountNumber} · ${a.label}</small></span
      >`,
    ]),
    selected,
  );
  return html`<section class="section" aria-labelledby="accounts-title">
    <h2 class="section-title" id="accounts-title">자동결제에 쓸 계좌</h2>
    <div class="rows">${rows}</div>
  </section>`;
}

export function billingAuthPage(m: BillingAuthPageModel): Html {
  const values = m.values ?? {};
  const action = `${m.basePath}/billing-auth`;
  const isCard = m.method === "CARD";
  const testHelp = isCard
    ? html`<p class="hint">카드 번호로 이후 자동결제 결과를 정해요.</p>
        <ul class="test-list">
          ${TEST_CARDS.map((c) => html`<li><code>${c.number}</code> ${c.label}</li>`)}
          <li>그 밖의 15~16자리 번호: 정상 승인</li>
        </ul>`
    : html`<p class="hint">계좌마다 이후 자동결제 결과가 달라요.</p>`;
  const body = html`<main>
    <p class="eyebrow">${isCard ? "카드 자동결제 등록" : "퀵계좌이체 자동결제 등록"}</p>
    <h1>${isCard ? "자동결제에 쓸 카드를 등록해 주세요" : "자동결제에 쓸 계좌를 골라 주세요"}</h1>
    <p class="sub">
      ${m.customerName ? `${m.customerName}님, ` : ""}등록하면 가맹점이 정해진 날에 이
      ${isCard ? "카드" : "계좌"}로 결제를 요청해요.
    </p>
    ${m.error ? html`<p class="alert" role="alert">${m.error}</p>` : ""}
    <form method="post" action="${action}/approve">
      <input type="hidden" name="token" value="${m.token}" />
      ${isCard ? cardFields(values) : accountFields(values)}
      <section class="test-box" aria-labelledby="outcome-title">
        <h2 class="section-title" id="outcome-title">
          테스트 등록 결과 <small>샌드박스 전용</small>
        </h2>
        <div class="chips">
          ${radioChoices(
            "chip",
            "outcome",
            [
              ["approve", "정상 등록"],
              ["abort", "등록 실패 (PAY_PROCESS_ABORTED)"],
            ],
            values.outcome ?? "approve",
          )}
        </div>
        ${testHelp}
      </section>
      ${approvalFooter({
        terms: ["[필수] 자동결제(정기결제) 이용 약관", "[필수] 개인정보 수집 및 이용 동의"],
        cancelAction: `${action}/cancel`,
      })}
    </form>
  </main>`;
  return windowDocument("자동결제 등록", m.basePath, body);
}

/** A one-message window: not found, expired, already handled, refused request. */
export function windowMessagePage(m: {
  basePath: string;
  title: string;
  description: string;
  code?: string | undefined;
}): Html {
  return windowDocument(
    m.title,
    m.basePath,
    html`<div class="message" role="status">
      <h1>${m.title}</h1>
      <p>${m.description}</p>
      ${m.code ? html`<p class="code">${m.code}</p>` : ""}
    </div>`,
  );
}
