// The merchant's dashboard (issue 5): after a customer subscribes through the in-app Toss Pay
// sandbox (a real ₩9,900 charge), the admin sees MRR and the state counts, today's revenue in
// the chart and in its table fallback, the 90-day view, the failed-charge list and the cron's
// health. Runs on desktop and a 360px phone.
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
  // At least this customer's ₩9,900 a month (other journeys add theirs on the same server).
  expect(won((await mrr.locator("p").nth(1).textContent()) ?? "")).toBeGreaterThanOrEqual(9_900);
  const active = figures.getByRole("listitem").filter({ hasText: /^이용 중[\d,]+/ });
  expect(won((await active.locator("p").nth(1).textContent()) ?? "")).toBeGreaterThanOrEqual(1);
  await expect(active.getByRole("link", { name: "구독자 보기" })).toHaveAttribute(
    "href",
    "/admin/subscribers?status=active",
  );

  const revenue = page.getByRole("region", { name: "일별 매출" });
  await expect(revenue.getByRole("img", { name: /^최근 30일 순매출 ₩[\d,]+/ })).toBeVisible();
  await screenshot(page, testInfo, "admin-dashboard-full");

  // The same numbers as a table: 30 days, newest first, today's charge included.
  await revenue.getByText("날짜별 금액 표로 보기").click();
  const table = revenue.getByRole("region", { name: "최근 30일 날짜별 매출" });
  await expect(table.getByRole("row")).toHaveCount(31);
  const today = table.getByRole("row").nth(1);
  expect(won((await today.getByRole("cell").nth(1).textContent()) ?? "")).toBeGreaterThanOrEqual(
    9_900,
  );

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
