import { type Html, escapeHtml, html, raw } from "./html";

// The document shell every sandbox page shares: Pretendard (served by the sandbox itself,
// because the machines these screens are looked at on, CI's Chromium, may have no Korean
// font), the base CSS, and nonce-carrying inline scripts. Each sandbox adds its own CSS.

function fontFaces(basePath: string): string {
  return (["400", "500", "600", "700"] as const)
    .map(
      (weight) =>
        `@font-face{font-family:"Pretendard";font-weight:${weight};font-style:normal;font-display:swap;src:url("${basePath}/_assets/pretendard-${weight}.woff2") format("woff2")}`,
    )
    .join("");
}

const BASE_CSS = `
:root{--grey900:#191f28;--grey800:#333d4b;--grey700:#4e5968;--grey600:#6b7684;--grey500:#8b95a1;--grey400:#b0b8c1;--grey300:#d1d6db;--grey200:#e5e8eb;--grey100:#f2f4f6;--grey50:#f9fafb;--blue:#3182f6;--blue-dark:#1b64da;--blue-light:#e8f3ff;--red:#f04452;--red-light:#ffeeee;--amber:#fff4e0;--amber-text:#9a5b00;--green:#03b26c}
*{box-sizing:border-box}
html,body{margin:0;padding:0}
body{font-family:"Pretendard",system-ui,-apple-system,"Apple SD Gothic Neo","Noto Sans KR",sans-serif;color:var(--grey900);-webkit-font-smoothing:antialiased;word-break:keep-all;line-height:1.5}
a{color:inherit}
button{font-family:inherit}
.sandbox-badge{font-size:12px;font-weight:700;color:var(--amber-text);background:var(--amber);border:1px solid #ffd8a8;border-radius:999px;padding:3px 10px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

/** A provider screen on a phone (the Toss app, a payment window). */
export const PHONE_CSS = `
body{background:var(--grey100)}
.phone{max-width:430px;min-height:100vh;min-height:100dvh;margin:0 auto;background:#fff;display:flex;flex-direction:column;position:relative}
@media (min-width:600px){body{padding:24px 0}.phone{min-height:calc(100vh - 48px);border-radius:28px;box-shadow:0 8px 40px rgba(0,27,55,.10);overflow:hidden}}
.topbar{display:flex;align-items:center;justify-content:space-between;height:56px;padding:0 20px}
.logo{display:flex;align-items:center;gap:6px;font-weight:700;font-size:19px;letter-spacing:-.3px;color:var(--grey900);text-decoration:none}
.logo-mark{width:24px;height:24px;border-radius:7px;background:var(--blue);display:grid;place-items:center;color:#fff;font-size:14px;font-weight:700}
.logo .pay{color:var(--blue)}
.sandbox-note{margin:0 20px;padding:10px 14px;border-radius:12px;background:var(--amber);color:var(--amber-text);font-size:13px;font-weight:500;display:flex;gap:8px;align-items:flex-start}
.sandbox-note b{font-weight:700}
main{flex:1;padding:24px 20px 140px}
.eyebrow{margin:0 0 8px;font-size:15px;font-weight:600;color:var(--blue)}
h1{margin:0;font-size:26px;line-height:1.38;font-weight:700;letter-spacing:-.5px}
.sub{margin:10px 0 0;font-size:16px;color:var(--grey700)}
.summary{margin:24px 0 0;padding:16px 18px;border-radius:16px;background:var(--grey50);border:1px solid var(--grey100)}
.summary-row{display:flex;justify-content:space-between;gap:12px;font-size:15px;padding:3px 0}
.summary-row dt{color:var(--grey600)}
.summary-row dd{margin:0;font-weight:600;text-align:right}
.section{margin-top:32px}
.section-title{display:flex;align-items:baseline;justify-content:space-between;margin:0 0 12px;font-size:17px;font-weight:700}
.section-title small{font-size:13px;font-weight:500;color:var(--grey500)}
.cards{display:grid;grid-template-columns:repeat(2,1fr);gap:8px}
.tile{position:relative;display:block;cursor:pointer}
.tile input{position:absolute;opacity:0;pointer-events:none}
.tile-body{display:flex;align-items:center;gap:10px;height:56px;padding:0 12px;border-radius:14px;border:1.5px solid var(--grey200);background:#fff;font-size:15px;font-weight:600;transition:border-color .12s,background .12s}
.tile input:checked + .tile-body{border-color:var(--blue);background:var(--blue-light)}
.tile input:focus-visible + .tile-body{outline:3px solid rgba(49,130,246,.35);outline-offset:1px}
.tile input:disabled + .tile-body{cursor:not-allowed;background:var(--grey50);color:var(--grey400);border-style:dashed}
.tile input:disabled + .tile-body .chip-logo{opacity:.35}
.chip-logo{flex:none;width:30px;height:20px;border-radius:4px;display:grid;place-items:center;font-size:10px;font-weight:700;letter-spacing:-.3px}
.tile-note{margin-left:auto;font-size:11px;font-weight:600;color:var(--grey400)}
.rows{display:flex;flex-direction:column;gap:8px}
.rows .tile-body{height:60px}
.acct-icon{flex:none;width:32px;height:32px;border-radius:50%;display:grid;place-items:center;font-size:13px;font-weight:700;color:#fff}
.acct-text{display:flex;flex-direction:column;line-height:1.3}
.acct-text small{font-size:13px;font-weight:500;color:var(--grey500)}
.test-box{margin-top:32px;padding:16px;border-radius:16px;border:1.5px dashed #ffc870;background:#fffbf3}
.test-box .section-title{font-size:15px;color:var(--amber-text);margin-bottom:10px}
.chips{display:flex;flex-wrap:wrap;gap:6px}
.chip{position:relative;cursor:pointer}
.chip input{position:absolute;opacity:0;pointer-events:none}
.chip span{display:inline-block;padding:7px 12px;border-radius:999px;background:#fff;border:1px solid var(--grey200);font-size:14px;font-weight:600;color:var(--grey700)}
.chip input:checked + span{background:var(--grey900);border-color:var(--grey900);color:#fff}
.chip input:focus-visible + span{outline:3px solid rgba(49,130,246,.35)}
.hint{margin:10px 0 0;font-size:13px;color:var(--grey600)}
.terms{margin-top:28px;padding:0;list-style:none;font-size:14px;color:var(--grey600)}
.terms li{display:flex;gap:8px;align-items:center;padding:4px 0}
.terms li::before{content:"";width:16px;height:16px;flex:none;border-radius:50%;background:var(--grey200) url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Cpath d='M4.5 8.2l2.3 2.3 4.7-4.9' fill='none' stroke='%23fff' stroke-width='1.8' stroke-linecap='round' stroke-linejoin='round'/%3E%3C/svg%3E") center/16px no-repeat}
.timer{margin-top:14px;font-size:14px;color:var(--grey600)}
.timer b{color:var(--red);font-weight:700;font-variant-numeric:tabular-nums}
.alert{margin:20px 0 0;padding:14px 16px;border-radius:14px;background:var(--red-light);color:#c92a2a;font-size:14px;font-weight:500}
.alert code{font-size:12px;color:#e03131}
.bottom{position:fixed;left:0;right:0;bottom:0;padding:12px 20px calc(16px + env(safe-area-inset-bottom));background:linear-gradient(rgba(255,255,255,0),#fff 24%);display:flex;gap:8px;max-width:430px;margin:0 auto}
@media (min-width:600px){.bottom{bottom:24px;border-radius:0 0 28px 28px}}
.btn{flex:1;display:inline-flex;align-items:center;justify-content:center;height:56px;border:0;border-radius:16px;font-size:17px;font-weight:600;cursor:pointer;text-decoration:none}
.btn-primary{flex:2.2;background:var(--blue);color:#fff}
.btn-primary:hover{background:var(--blue-dark)}
.btn-primary:disabled{background:var(--grey300);cursor:not-allowed}
.btn-secondary{background:var(--grey100);color:var(--grey700)}
.btn:focus-visible{outline:3px solid rgba(49,130,246,.4);outline-offset:2px}
.message{flex:1;display:flex;flex-direction:column;align-items:center;justify-content:center;text-align:center;padding:40px 28px 140px}
.message-icon{width:64px;height:64px;border-radius:50%;display:grid;place-items:center;margin-bottom:20px}
.message-icon.ok{background:var(--blue-light);color:var(--blue)}
.message-icon.warn{background:var(--red-light);color:var(--red)}
.message-icon.info{background:var(--grey100);color:var(--grey600)}
.message h1{font-size:22px}
.message p{margin:10px 0 0;color:var(--grey700);font-size:16px}
.message .code{margin-top:14px;font-size:12px;color:var(--grey500);font-family:ui-monospace,monospace}
.receipt{margin-top:20px;border-radius:18px;border:1px solid var(--grey200);overflow:hidden}
.receipt-head{padding:18px;background:var(--grey50);border-bottom:1px dashed var(--grey300)}
.receipt-head h2{margin:0;font-size:17px}
.receipt-head p{margin:4px 0 0;font-size:13px;color:var(--grey600)}
.receipt dl{margin:0;padding:12px 18px}
.receipt .summary-row{padding:6px 0;border-bottom:1px solid var(--grey100)}
.receipt .summary-row:last-child{border-bottom:0}
.receipt .total{font-size:18px}
.stamp{display:inline-block;margin-top:10px;padding:2px 10px;border:2px solid var(--red);color:var(--red);border-radius:6px;font-weight:700;font-size:13px;transform:rotate(-4deg)}
`;

/** The developer tools (keys, ledger). */
export const TOOL_CSS = `
body{background:var(--grey50)}
.tool{max-width:1180px;margin:0 auto;padding:24px 20px 60px}
.tool-head{display:flex;align-items:center;justify-content:space-between;gap:16px;flex-wrap:wrap}
.tool-head h1{margin:0;font-size:22px}
.tool-nav{display:flex;gap:14px;font-size:14px;font-weight:600}
.tool-nav a{color:var(--grey600);text-decoration:none}
.tool-nav a[aria-current=page]{color:var(--blue)}
.tool p.lead{color:var(--grey700);margin:8px 0 20px;font-size:15px}
.filters{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin:16px 0;padding:14px;background:#fff;border:1px solid var(--grey200);border-radius:14px}
.filters label{display:flex;flex-direction:column;gap:4px;font-size:12px;font-weight:600;color:var(--grey600)}
.filters input,.filters select{height:36px;padding:0 10px;border:1px solid var(--grey300);border-radius:8px;font:inherit;font-size:14px;width:200px}
.filters input[type=number]{width:90px}
.tbtn{height:36px;padding:0 14px;border-radius:8px;border:0;background:var(--blue);color:#fff;font-weight:600;font-size:14px;cursor:pointer}
.tbtn.ghost{background:var(--grey100);color:var(--grey800)}
.tbtn.danger{background:var(--red-light);color:#c92a2a}
.stats{display:flex;gap:10px;flex-wrap:wrap;margin:0 0 14px}
.stat{background:#fff;border:1px solid var(--grey200);border-radius:12px;padding:10px 14px;font-size:13px;color:var(--grey600)}
.stat b{display:block;font-size:18px;color:var(--grey900)}
.stat.bad b{color:var(--red)}
.table-wrap{overflow-x:auto;background:#fff;border:1px solid var(--grey200);border-radius:14px}
table{width:100%;border-collapse:collapse;font-size:13px}
th,td{padding:9px 10px;text-align:left;border-bottom:1px solid var(--grey100);white-space:nowrap;vertical-align:top}
th{font-size:12px;color:var(--grey600);background:var(--grey50);font-weight:600}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.dup td{background:#fff5f5}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,monospace,"Pretendard";font-size:12px}
.pill{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:600;background:var(--grey100);color:var(--grey700)}
.pill.ok{background:#e5f8ef;color:#027a48}
.pill.warn{background:var(--red-light);color:#c92a2a}
.pill.blue{background:var(--blue-light);color:var(--blue-dark)}
.dup-flag{font-family:"Pretendard",system-ui,sans-serif;display:inline-block;margin-left:6px;padding:1px 8px;border-radius:6px;background:var(--red);color:#fff;font-size:12px;font-weight:700}
.inline-form{display:flex;gap:6px;align-items:center}
.inline-form select{height:30px;border:1px solid var(--grey300);border-radius:6px;font:inherit;font-size:12px}
.inline-form .tbtn{height:30px;font-size:12px;padding:0 10px}
.empty{padding:40px;text-align:center;color:var(--grey500)}
.flash{margin:12px 0;padding:10px 14px;border-radius:10px;background:var(--blue-light);color:var(--blue-dark);font-size:14px}
.flash.err{background:var(--red-light);color:#c92a2a}
`;

/** A script written here; with a nonce when the request's CSP (proxy.ts) asks for one. */
export function inlineScript(script: string, nonce: string | undefined): Html {
  return raw(`<script${nonce ? ` nonce="${escapeHtml(nonce)}"` : ""}>${script}</script>`);
}

/** The document around every sandbox page: fonts, the shared CSS plus the page kind's own. */
export function sandboxDocument(options: {
  title: string;
  /** The sandbox's name after the page title, e.g. "토스페이 샌드박스". */
  brand: string;
  basePath: string;
  viewport: string;
  css: string;
  body: Html;
}): Html {
  return html`<html lang="ko">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="${options.viewport}" />
      <meta name="robots" content="noindex" />
      <title>${options.title} · ${options.brand}</title>
      <style>
        ${raw(fontFaces(options.basePath) + BASE_CSS + options.css)}
      </style>
    </head>
    <body>
      ${options.body}
    </body>
  </html>`;
}

/** The consent list and the 취소 / 동의하고 등록 bar at the bottom of an approval screen. */
export function approvalFooter(options: {
  terms: readonly string[];
  /** Where 취소 posts the same form (no validation: cancelling needs no choice). */
  cancelAction: string;
  approveId?: string;
}): Html {
  return html`<ul class="terms">
      ${options.terms.map((term) => html`<li>${term}</li>`)}
    </ul>
    <div class="bottom">
      <button
        class="btn btn-secondary"
        type="submit"
        formaction="${options.cancelAction}"
        formnovalidate
      >
        취소
      </button>
      <button
        class="btn btn-primary"
        type="submit"
        ${options.approveId ? html`id="${options.approveId}"` : ""}
      >
        동의하고 등록
      </button>
    </div>`;
}

/**
 * A window the customer approves in, framed like a Toss screen on a phone: the toss logo with
 * the product after it ("pay", "payments"), the sandbox's badge, and the test-environment note
 * above `body`. The Toss Payments billing-auth window and PortOne's Toss Pay issuance window.
 */
export function tossWindowDocument(options: {
  title: string;
  brand: string; // the sandbox's name in the badge and the page title
  product: "pay" | "payments";
  basePath: string;
  css?: string;
  body: Html;
}): Html {
  const label = options.product === "pay" ? "토스페이" : "토스페이먼츠";
  return sandboxDocument({
    title: options.title,
    brand: options.brand,
    basePath: options.basePath,
    viewport: "width=device-width, initial-scale=1, viewport-fit=cover",
    css: PHONE_CSS + (options.css ?? ""),
    body: html`<div class="phone">
      <header class="topbar">
        <span class="logo" aria-label="${label}"
          ><span class="logo-mark" aria-hidden="true">t</span>toss<span class="pay"
            >${options.product}</span
          ></span
        >
        <span class="sandbox-badge">${options.brand}</span>
      </header>
      <p class="sandbox-note" role="note">
        <span aria-hidden="true">⚠</span>
        <span><b>테스트 환경</b>이에요. 실제로 결제되거나 출금되지 않아요.</span>
      </p>
      ${options.body}
    </div>`,
  });
}

/** A sandbox's copy of a provider's browser SDK: never cached, never sniffed as anything else. */
export function scriptResponse(source: string): Response {
  return new Response(source, {
    headers: {
      "content-type": "application/javascript; charset=utf-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
