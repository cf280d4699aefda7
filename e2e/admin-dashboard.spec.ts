// The merchant's dashboard (issue 5): after a customer subscribes through the in-app Toss Pay
// sandbox (a 9,900원 test-mode charge), the admin sees MRR and the state counts, the revenue
// chart and its table fallback, the 90-day view, the failed-charge list and the cron's health;
// on the sandbox, the test-mode bar and the first-run checklist. The e2e server runs on the
// sandbox (ALLOW_SANDBOX_IN_PRODUCTION=true), so every charge here is a test charge, and test
// money is never revenue (issue 8): MRR and revenue stay 0원. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { subscribedCustomer, signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";

const won = (text: string) => Number(text.replace(/[^\d-]/g, ""));

test("the admin reads MRR, today's revenue in the chart and its table, and the cron's health", async ({
  page,
  browser,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  await subscribedCustomer(browser, isDesktop, "admin-dashboard");

  await signInAsAdmin(page, "/admin");
  await expect(page.getByRole("heading", { name: "대시보드", level: 1 })).toBeVisible();

  const figures = page.getByRole("region", { name: "주요 지표" });
  const mrr = figures.getByRole("listitem").filter({ hasText: "월 반복 매출 (MRR)" });
  // This customer pays through a test-mode method, as does every journey on this server.
  expect(won((await mrr.locator("p").nth(1).textContent()) ?? "")).toBe(0);
  const active = figures.getByRole("listitem").filter({ hasText: /^이용 중[\d,]+/ });
  expect(won((await active.locator("p").nth(1).textContent()) ?? "")).toBeGreaterThanOrEqual(1);
  await expect(active.getByRole("link", { name: "구독자 보기" })).toHaveAttribute(
    "href",
    "/admin/subscribers?status=active",
  );

  const revenue = page.getByRole("region", { name: "일별 매출" });
  await expect(revenue.getByRole("img", { name: /^최근 30일 순매출 -?[\d,]+원/ })).toBeVisible();
  await screenshot(page, testInfo, "admin-dashboard-full");

  // The same numbers as a table: 30 days, newest first, today's test charge left out.
  await revenue.getByText("날짜별 금액 표로 보기").click();
  const table = revenue.getByRole("region", { name: "최근 30일 날짜별 매출" });
  await expect(table.getByRole("row")).toHaveCount(31);
  const today = table.getByRole("row").nth(1);
  expect(won((await today.getByRole("cell").nth(1).textContent()) ?? "")).toBe(0);

  await revenue.getByRole("link", { name: "최근 90일" }).click();
  await expect(page).toHaveURL(/\/admin\?range=90$/);
  await expect(revenue.getByRole("img", { name: /^최근 90일 순매출/ })).toBeVisible();
  await expect(revenue.getByRole("link", { name: "최근 90일" })).toHaveAttribute(
    "aria-current",
    "page",
  );

  await expect(page.getByRole("region", { name: "확인이 필요한 결제" })).toBeVisible();
  const health = page.getByRole("region", { name: "정기결제 실행 상태" });
  await expect(health.getByText("마지막 성공")).toBeVisible();
  await expect(health.getByText("결제 대기")).toBeVisible();
  await screenshot(page, testInfo, "admin-dashboard-90");
});

test("on the sandbox the admin sees the test-mode bar on every page and the first-run checklist", async ({
  page,
}, testInfo) => {
  await signInAsAdmin(page, "/admin");
  await expect(page.getByRole("heading", { name: "대시보드", level: 1 })).toBeVisible();

  // The e2e server runs on the sandbox: the admin is told on every page, with a way to the list
  // of what is left before taking real money.
  const testMode = page.getByRole("region", { name: "테스트 모드", exact: true });
  await expect(testMode).toContainText("테스트 모드 — 실제로 결제되지 않아요.");
  await expect(testMode.getByRole("link", { name: "실결제 준비 보기" })).toHaveAttribute(
    "href",
    "/admin#setup-checklist",
  );
  // The checklist reads the real configuration: no live key, SMTP set (the e2e server's sink),
  // a plan on sale.
  const checklist = page.getByRole("region", { name: "실결제 준비" });
  const item = (title: string) => checklist.getByRole("listitem").filter({ hasText: title });
  await expect(item("토스페이 실결제 키")).toContainText("할 일");
  await expect(item("토스페이 실결제 키")).toContainText("테스트 모드라 실제로 결제되지 않아요");
  await expect(item("사업자 정보")).toContainText("할 일");
  await expect(item("고객 안내 메일")).toContainText("완료");
  await expect(item("고객 안내 메일")).toContainText("메일 발송이 설정돼 있");
  await expect(item("첫 요금제")).toContainText("완료");
  await expect(item("정기결제 자동 실행")).toBeVisible();
  await expect(item("메일 자동 발송")).toBeVisible();
  await screenshot(page, testInfo, "admin-dashboard-checklist");

  // No cron runs against the e2e server: the card says in plain words what that means.
  const health = page.getByRole("region", { name: "정기결제 실행 상태" });
  await expect(health.getByRole("status")).toContainText(
    "정기결제가 아직 한 번도 실행되지 않았어요",
  );

  // Every admin page, not only the dashboard.
  await page.goto("/admin/plans");
  await expect(page.getByRole("region", { name: "테스트 모드", exact: true })).toBeVisible();
});
