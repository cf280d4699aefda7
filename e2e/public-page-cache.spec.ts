// The storefront's `/` and `/pricing` are served from Next's cache (issue 14, app/(public)):
// the same bytes for every visitor, with a script policy that names the page's inline scripts
// by hash instead of a per-request nonce. An admin's change to a plan's name or price is what
// the very next visitor sees, and the header still shows who is signed in.
import type { Browser, Response } from "@playwright/test";
import { collectCspViolations, expect, test } from "./support/csp-guard";
import { signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";

/** A cached page's policy: the whole policy in one header, its inline scripts named by hash. */
async function cachedPagePolicies(response: Response | null) {
  const policies = ((await response?.headersArray()) ?? [])
    .filter((header) => header.name.toLowerCase() === "content-security-policy")
    .map((header) => header.value);
  expect(policies, JSON.stringify(policies)).toHaveLength(1);
  const policy = policies[0]!;
  const scripts = policy
    .split(";")
    .map((directive) => directive.trim())
    .find((directive) => directive.startsWith("script-src"));
  expect(scripts).toMatch(/'sha256-[A-Za-z0-9+/]+=*'/);
  expect(scripts).not.toContain("'unsafe-inline'");
  expect(scripts).not.toContain("'nonce-");
  expect(policy).toContain("form-action 'self'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(response?.headers()["strict-transport-security"]).toMatch(/max-age=\d+/);
  return { scripts: scripts!, policy };
}

/** A visitor with no cookies, whose CSP violations fail the test. */
async function freshVisitor(browser: Browser) {
  const context = await browser.newContext();
  const violations = await collectCspViolations(context);
  const page = await context.newPage();
  return { context, page, violations };
}

test("an admin's new name and price are on the cached pricing page for the very next visitor", async ({
  page,
  browser,
}, testInfo) => {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `캐시 ${id}`;

  await signInAsAdmin(page, "/admin/plans/new");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("요금제 이름").fill(name);
  await page.getByLabel("주소용 이름 (slug)").fill(`cache-${id}`);
  await page.getByLabel("설명").fill("캐시 확인용 요금제");
  await page.getByLabel("가격 (부가세 포함)").fill("12900");
  await page.getByRole("button", { name: "요금제 만들기" }).click();
  await expect(page).toHaveURL(/\/admin\/plans\/[0-9a-f-]{36}\?created=1$/);
  const planUrl = page.url().replace(/\?.*$/, "");

  // Anonymous, twice: the second answer comes from the cache, with the same hashed policy.
  const first = await freshVisitor(browser);
  const shown = await first.page.goto("/pricing");
  await cachedPagePolicies(shown);
  await expect(first.page.getByRole("article", { name })).toContainText("월 12,900원");
  // The header's account links come from the browser: they appear only once its scripts ran.
  await expect(first.page.getByRole("link", { name: "로그인" })).toBeVisible();
  // Served from the cache (the other project's test may expire it meanwhile: ask again).
  await expect
    .poll(async () => (await first.page.request.get("/pricing")).headers()["x-nextjs-cache"])
    .toBe("HIT");
  const again = await first.page.goto("/pricing");
  expect((await cachedPagePolicies(again)).scripts).toMatch(/^script-src 'self'/);
  await expect(first.page.getByRole("link", { name: "로그인" })).toBeVisible();
  expect(first.violations).toEqual([]);
  await first.context.close();

  // A new name and a lower price (a cut needs no confirmation step).
  await page.goto(planUrl);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("요금제 이름").fill(`${name} 플러스`);
  await page.getByLabel("가격 (부가세 포함)").fill("11900");
  await page.getByRole("button", { name: "저장", exact: true }).click();
  await expect(page.getByText("새 가격 11,900원은 새로 구독하는 분부터 적용돼요.")).toBeVisible();

  // The next visitor, on both cached pages: nothing of the old name or price is left.
  const next = await freshVisitor(browser);
  const fresh = await next.page.goto("/pricing");
  await cachedPagePolicies(fresh);
  const card = next.page.getByRole("article", { name: `${name} 플러스` });
  await expect(card).toContainText("월 11,900원");
  await expect(card).not.toContainText("12,900원");
  await expect(next.page.getByRole("link", { name: "로그인" })).toBeVisible();
  await screenshot(next.page, testInfo, "public-pricing-after-change");
  await cachedPagePolicies(await next.page.goto("/"));
  await expect(next.page.getByRole("link", { name: "회원가입" }).first()).toBeVisible();
  expect(next.violations).toEqual([]);
  await next.context.close();

  // The signed-in admin on the same cached pages: their own header, no one else's.
  const mine = await page.goto("/pricing");
  // The same cached page as anyone else gets (no per-visitor render): hashes, no nonce.
  await cachedPagePolicies(mine);
  const nav = page.getByRole("navigation", { name: "주요 메뉴" });
  await expect(nav.getByRole("link", { name: "내 구독" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "관리자" })).toBeVisible();
  await expect(nav.getByRole("button", { name: "로그아웃" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "로그인" })).toHaveCount(0);
  await screenshot(page, testInfo, "public-pricing-signed-in");
  await page.goto("/");
  await expect(page.getByRole("link", { name: "내 구독 보기" })).toBeVisible();

  // Signing out from a cached page: the header turns signed-out at once.
  const signedOut = page.waitForResponse((response) => response.request().method() === "POST");
  await nav.getByRole("button", { name: "로그아웃" }).click();
  await expect(nav.getByRole("link", { name: "로그인" })).toBeVisible();
  await signedOut;
  await page.reload();
  await expect(nav.getByRole("link", { name: "로그인" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "관리자" })).toHaveCount(0);
});
