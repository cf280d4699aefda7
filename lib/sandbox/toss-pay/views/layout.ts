import { type Html, html, raw } from "@/lib/sandbox/shared/html";
import { PHONE_CSS, TOOL_CSS, inlineScript, sandboxDocument } from "@/lib/sandbox/shared/layout";

// Page shells of the sandbox: `appPage` imitates a Toss app screen on a phone; `toolPage` is
// the developer's view (keys, ledger). The document around them is lib/sandbox/shared/layout.ts.

const BRAND = "토스페이 샌드박스";

export function appPage(options: {
  title: string;
  basePath: string;
  body: Html;
  script?: string;
  /** The request's CSP nonce: without it a nonce-based CSP blocks the inline script. */
  nonce?: string | undefined;
}): Html {
  return sandboxDocument({
    title: options.title,
    brand: BRAND,
    basePath: options.basePath,
    viewport: "width=device-width, initial-scale=1, viewport-fit=cover",
    css: PHONE_CSS,
    body: html`<div class="phone">${options.body}</div>
      ${options.script ? inlineScript(options.script, options.nonce) : ""}`,
  });
}

export function appHeader(): Html {
  return html`<header class="topbar">
      <span class="logo" aria-label="토스페이"
        ><span class="logo-mark" aria-hidden="true">t</span>toss<span class="pay">pay</span></span
      >
      <span class="sandbox-badge">샌드박스</span>
    </header>
    <p class="sandbox-note" role="note">
      <span aria-hidden="true">⚠</span>
      <span><b>테스트 환경</b>이에요. 실제로 결제되거나 출금되지 않아요.</span>
    </p>`;
}

export function toolPage(options: {
  title: string;
  basePath: string;
  current: "keys" | "ledger" | "home";
  body: Html;
}): Html {
  const link = (href: string, label: string, key: string) =>
    html`<a
      href="${options.basePath}${href}"
      ${raw(options.current === key ? 'aria-current="page"' : "")}
      >${label}</a
    >`;
  return sandboxDocument({
    title: options.title,
    brand: BRAND,
    basePath: options.basePath,
    viewport: "width=device-width, initial-scale=1",
    css: TOOL_CSS,
    body: html`<div class="tool">
      <div class="tool-head">
        <h1>
          ${options.title}
          <span class="sandbox-badge" style="vertical-align:middle">샌드박스</span>
        </h1>
        <nav class="tool-nav">
          ${link("/_sandbox", "개요", "home")} ${link("/_sandbox/keys", "빌링키 관리", "keys")}
          ${link("/_sandbox/ledger", "결제 원장", "ledger")}
          <a href="${options.basePath}/_sandbox/settings">설정(JSON)</a>
        </nav>
      </div>
      ${options.body}
    </div>`,
  });
}

export const ICONS = {
  check: raw(
    '<svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true"><path d="M5 12.5l4.2 4.2L19 7" fill="none" stroke="currentColor" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg>',
  ),
  alert: raw(
    '<svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true"><path d="M12 7v6" stroke="currentColor" stroke-width="2.6" stroke-linecap="round"/><circle cx="12" cy="17" r="1.5" fill="currentColor"/></svg>',
  ),
  clock: raw(
    '<svg width="30" height="30" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2.2"/><path d="M12 8v4.5l3 2" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"/></svg>',
  ),
};
