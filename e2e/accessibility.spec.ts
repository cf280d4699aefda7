// Every customer and admin page through axe-core (issue 13): no serious or critical violation
// of WCAG 2.1 A/AA, on desktop and a 360px phone. Pages are opened the way people reach them
// (a signed-up customer with a paid subscription, the test admin), so the checks see the real
// content: the plan card, billing history, forms and tables.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { signUp } from "./support/auth";
import { linkInTossApp, signInAsAdmin } from "./support/journeys";
import { newCustomer } from "./support/test-accounts";

const SERIOUS = new Set(["serious", "critical"]);

// Each page's analysis takes a few seconds; a journey checks up to fifteen pages.
test.describe.configure({ timeout: 180_000 });

/** Runs axe on the page as it is now; fails with each violation's rule, help and elements. */
async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => SERIOUS.has(v.impact ?? ""))
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
          .slice(0, 5)
          .map((n) => n.target.join(" "))
          .join("\n    ")}`,
    );
  expect(serious, `${what} (${page.url()})`).toEqual([]);
}

async function visit(page: Page, path: string, ready: RegExp | string) {
  await page.goto(path);
  await expect(page.getByRole("heading", { level: 1, name: ready })).toBeVisible();
  await expectNoSeriousViolations(page, path);
}

test("storefront and account pages have no serious accessibility violations", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  await visit(page, "/", /.+/);
  await visit(page, "/pricing", /요금제/);
  await visit(page, "/terms", /이용약관/);
  await visit(page, "/privacy", /개인정보처리방침/);
  await visit(page, "/refund-policy", /환불 정책/);
  await visit(page, "/sign-in", /로그인/);
  await visit(page, "/sign-up", /회원가입/);
  await visit(page, "/forgot-password", /비밀번호/);

  // A customer who subscribes: checkout, the waiting page, then everything under /account.
  const customer = newCustomer("axe");
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "checkout");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expectNoSeriousViolations(page, "registration result");

  await visit(page, "/account", "내 구독");
  await page
    .getByRole("list", { name: "결제 내역" })
    .getByRole("link", { name: /영수증/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1, name: "영수증" })).toBeVisible();
  await expectNoSeriousViolations(page, "receipt");
  for (const path of ["/account/security", "/account/cancel", "/account/leave"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, path);
  }
});

test("admin pages have no serious accessibility violations", async ({ page }) => {
  await signInAsAdmin(page, "/admin");
  await expectNoSeriousViolations(page, "/admin");
  for (const path of [
    "/admin/plans",
    "/admin/plans/new",
    "/admin/subscribers",
    "/admin/charges",
    "/admin/refunds",
    "/admin/events",
    "/admin/audit",
    "/admin/notifications",
    "/admin/settings",
  ]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, path);
  }
  // A plan's and a subscriber's own pages, reached from their lists.
  await page.goto("/admin/plans");
  await page
    .getByRole("link", { name: /베이직/ })
    .first()
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expectNoSeriousViolations(page, "plan detail");
  await page.goto("/admin/subscribers");
  const subscriber = page.getByRole("link", { name: /@/ }).first();
  if (await subscriber.count()) {
    await subscriber.click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoSeriousViolations(page, "subscriber detail");
  }
});

test("the check itself reports a page with a known violation", async ({ page }) => {
  await page.setContent(
    `<html lang="ko"><body><main><h1>확인</h1><img src="x.png"></main></body></html>`,
  );
  const results = await new AxeBuilder({ page }).withTags(["wcag2a"]).analyze();
  expect(results.violations.map((v) => v.id)).toContain("image-alt");
});
