import {
  ACCOUNTS,
  BEHAVIORS,
  BEHAVIOR_LABELS,
  type Behavior,
  CARD_COMPANIES,
} from "../instruments";
import { type Html, html } from "@/lib/sandbox/shared/html";
import { radioChoice, radioChoices } from "@/lib/sandbox/shared/radio-choice";
import { approvalFooter } from "@/lib/sandbox/shared/layout";
import { ICONS, appHeader, appPage } from "./layout";

// The Toss app's approval screen for a billing key: the customer picks a card or an account,
// then 동의하고 등록 or 취소. Plain HTML forms, so it works without JavaScript (and in tests);
// the only script is the countdown.

export type CheckoutPageModel = {
  basePath: string;
  token: string;
  productDesc: string;
  merchantName: string;
  platform: "web" | "android" | "ios";
  expiresAt: Date;
  now: Date;
  selectedMethod: string;
  selectedBehavior: Behavior;
  error?: { title: string; code: string } | undefined;
  nonce?: string | undefined;
};

function initials(name: string): string {
  return name.replace(/카드$/, "").replace(/^KB/, "KB").slice(0, 2);
}

export function checkoutPage(m: CheckoutPageModel): Html {
  const secondsLeft = Math.max(0, Math.floor((m.expiresAt.getTime() - m.now.getTime()) / 1000));
  const mmss = `${String(Math.floor(secondsLeft / 60)).padStart(2, "0")}:${String(secondsLeft % 60).padStart(2, "0")}`;
  const action = `${m.basePath}/payfront/billing`;

  const cardTiles = CARD_COMPANIES.map((c) => {
    const value = `card:${c.code}`;
    return radioChoice({
      look: "tile",
      name: "method",
      value,
      disabled: !c.supported,
      checked: m.selectedMethod === value,
      content: html`<span
          class="chip-logo"
          style="background:${c.color};color:${c.textColor}"
          aria-hidden="true"
          >${initials(c.displayName)}</span
        >
        ${c.displayName} ${c.supported ? "" : html`<span class="tile-note">미지원</span>`}`,
    });
  });

  const accountRows = ACCOUNTS.map((a) => {
    const value = `account:${a.bankCode}`;
    const isMoney = a.bankCode === "888";
    return radioChoice({
      look: "tile",
      name: "method",
      value,
      checked: m.selectedMethod === value,
      content: html`<span
          class="acct-icon"
          style="background:${a.color};${a.bankCode === "090" ? "color:#3c1e1e" : ""}"
          aria-hidden="true"
          >${isMoney ? "머니" : a.bankName.slice(0, 1)}</span
        >
        <span class="acct-text"
          >${a.displayName}<small
            >${isMoney ? "잔액에서 바로 결제 · 부족하면 연결 계좌에서 충전" : a.accountNumber}</small
          ></span
        >`,
    });
  });

  const behaviorChips = radioChoices(
    "chip",
    "behavior",
    BEHAVIORS.map((b) => [b, BEHAVIOR_LABELS[b]]),
    m.selectedBehavior,
  );

  const body = html`${appHeader()}
    <main>
      <p class="eyebrow">자동결제 등록</p>
      <h1>토스페이로<br />자동결제를 등록할게요</h1>
      <p class="sub">등록하면 ${m.merchantName}에서 정해진 날에 이 결제수단으로 결제를 요청해요.</p>
      <dl class="summary">
        <div class="summary-row">
          <dt>가맹점</dt>
          <dd>${m.merchantName}</dd>
        </div>
        <div class="summary-row">
          <dt>상품</dt>
          <dd>${m.productDesc}</dd>
        </div>
        <div class="summary-row">
          <dt>결제 방식</dt>
          <dd>정기 자동결제</dd>
        </div>
      </dl>
      <p class="timer" data-expires-at="${m.expiresAt.toISOString()}">
        <b id="countdown">${mmss}</b> 안에 등록을 마쳐 주세요
      </p>
      ${
        m.error
          ? html`<p class="alert" role="alert">
              ${m.error.title}<br /><code>${m.error.code}</code>
            </p>`
          : ""
      }
      <form method="post" action="${action}/approve" id="checkout">
        <input type="hidden" name="token" value="${m.token}" />
        <input type="hidden" name="platform" value="${m.platform}" />
        <section class="section" aria-labelledby="cards-title">
          <h2 class="section-title" id="cards-title">카드</h2>
          <div class="cards">${cardTiles}</div>
        </section>
        <section class="section" aria-labelledby="accounts-title">
          <h2 class="section-title" id="accounts-title">계좌 · 토스머니</h2>
          <div class="rows">${accountRows}</div>
        </section>
        <section class="test-box" aria-labelledby="behavior-title">
          <h2 class="section-title" id="behavior-title">
            테스트 결제 결과 <small>샌드박스 전용</small>
          </h2>
          <div class="chips">${behaviorChips}</div>
          <p class="hint">
            이 결제수단으로 요청되는 결제가 어떻게 끝날지 골라요. 응답 지연은 결제는 되지만 응답이
            30초 뒤에 와요.
          </p>
        </section>
        ${approvalFooter({
          terms: ["[필수] 토스페이 자동결제 이용약관", "[필수] 개인(신용)정보 제3자 제공 동의"],
          cancelAction: `${action}/cancel`,
          approveId: "approve",
        })}
      </form>
    </main>`;

  // Counts down to the link's expiry and then disables approval (the server decides anyway).
  const script = `(function(){var t=document.querySelector("[data-expires-at]");var out=document.getElementById("countdown");var btn=document.getElementById("approve");if(!t||!out)return;var end=Date.parse(t.getAttribute("data-expires-at"));function tick(){var s=Math.max(0,Math.floor((end-Date.now())/1000));out.textContent=String(Math.floor(s/60)).padStart(2,"0")+":"+String(s%60).padStart(2,"0");if(s===0){t.innerHTML="<b>시간이 지났어요</b> · 가맹점에서 다시 시작해 주세요";if(btn)btn.disabled=true;return}setTimeout(tick,1000)}tick()})();`;

  return appPage({ title: "자동결제 등록", basePath: m.basePath, body, script, nonce: m.nonce });
}

export type MessagePageModel = {
  basePath: string;
  tone: "ok" | "warn" | "info";
  title: string;
  description: string;
  code?: string | undefined;
  action?: { href: string; label: string } | undefined;
};

/** A one-message screen: registered, cancelled, expired, already handled, not found. */
export function messagePage(m: MessagePageModel): Html {
  const icon = m.tone === "ok" ? ICONS.check : m.tone === "warn" ? ICONS.alert : ICONS.clock;
  const body = html`${appHeader()}
    <div class="message" role="status">
      <div class="message-icon ${m.tone}">${icon}</div>
      <h1>${m.title}</h1>
      <p>${m.description}</p>
      ${m.code ? html`<p class="code">${m.code}</p>` : ""}
    </div>
    ${
      m.action
        ? html`<div class="bottom">
            <a class="btn btn-primary" href="${m.action.href}">${m.action.label}</a>
          </div>`
        : ""
    }`;
  return appPage({ title: m.title, basePath: m.basePath, body });
}
