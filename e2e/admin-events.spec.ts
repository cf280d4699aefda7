// The provider event log in admin (issue 5): a customer links a card in the sandbox's Toss app,
// whose ACTIVATED callback reaches our route over HTTP; the admin finds it in 결제사 이벤트,
// reads the raw payload (without the billing key), re-runs it, and finds the re-run in the
// audit log. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { fillSignIn } from "./support/auth";
import { subscribedCustomer } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import type { Page, TestInfo } from "@playwright/test";
import { E2E_ADMIN } from "./support/test-accounts";

test("the admin reads a Toss Pay callback as received and re-runs it", async ({
  page,
  browser,
}, testInfo) => {
  await subscribedCustomer(browser, testInfo.project.name === "desktop", "admin-events");

  await page.goto("/admin/events?type=ACTIVATED");
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(/\/admin\/events\?type=ACTIVATED$/);
  await expect(page.getByRole("heading", { name: "결제사 이벤트", level: 1 })).toBeVisible();

  // A table from md up, compact cards on a phone.
  const desktop = testInfo.project.name === "desktop";
  const events = desktop
    ? page.getByRole("table", { name: "결제사 이벤트 목록" }).locator("tbody tr")
    : page.getByRole("list", { name: "결제사 이벤트 목록" }).getByRole("listitem");
  // The newest event, pinned by its dedupe key (folded under 자세히): journeys running at the
  // same time add events to the top of the list, and a re-run must be checked on the event it
  // was pressed on.
  const dedupeKey = (await events.first().locator("dd.break-all").textContent()) ?? "";
  expect(dedupeKey).not.toBe("");
  const event = events.filter({ hasText: dedupeKey });
  // In Korean, with the provider's own name for it beside.
  await expect(event.getByText("결제수단 등록 완료", { exact: true }).first()).toBeVisible();
  await expect(event).toContainText("토스페이 · ACTIVATED");
  // A callback is logged before it is processed, and one that arrives while the status lookups'
  // budget is spent is answered "deliver again" and processed on the provider's next delivery:
  // on a busy machine the page can show it 처리 전 for a moment. Reload until it is processed.
  await expect(async () => {
    await page.reload();
    await expect(event.getByText("처리됨", { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  // Confirmed with /billing-key/status before the method was activated: no warning badge.
  await expect(event.getByText("검증 안 됨")).toHaveCount(0);
  const result = event.locator("summary");
  await expect(result).toHaveText(/^(결제수단 등록 완료|이미 등록된 결제수단)$/);
  // The raw English stays out of sight until the row is opened.
  await expect(event.getByText(/activated payment method|already active/)).toBeHidden();
  await shot(page, testInfo, "admin-events");

  await result.click();
  await expect(event.getByText(/activated payment method|already active/)).toBeVisible();
  const payload = event.locator("pre").last();
  await expect(payload).toBeVisible();
  await expect(payload).toContainText('"action": "ACTIVATED"');
  await expect(payload).not.toContainText(/billingKey/i);
  await screenshot(page, testInfo, "admin-events-open");

  await event.getByRole("button", { name: "다시 처리" }).click();
  // The answer says in Korean what processing did this time (success, or why it could not act).
  await expect(
    event.getByText(/다시 처리했어요\. 결과: 이미 등록된 결제수단|다시 처리하지 못했어요\. 결과: /),
  ).toBeVisible();
  await screenshot(page, testInfo, "admin-events-reprocessed");

  // The type filter is a dropdown in Korean.
  await page.goto("/admin/events");
  const typeFilter = page.getByLabel("이벤트 종류");
  await expect(typeFilter).toHaveJSProperty("tagName", "SELECT");
  await typeFilter.selectOption({ label: "결제수단 등록 완료 (토스페이)" });
  await page.getByRole("button", { name: "검색" }).click();
  await expect(page).toHaveURL(/type=ACTIVATED/);

  await page.goto("/admin/audit?action=provider_event.reprocess");
  const entry = (
    desktop
      ? page.getByRole("table", { name: "감사 로그 목록" }).locator("tbody tr")
      : page.getByRole("list", { name: "감사 로그 목록" }).getByRole("listitem")
  ).first();
  await expect(entry).toContainText("결제사 이벤트 다시 처리");
  await expect(entry).toContainText(E2E_ADMIN.name ?? E2E_ADMIN.email);
  await expect(entry).toContainText("결제사 이벤트");
});

/** The list's screenshot, with the page's height recorded (issue 13 measured it at 8 events). */
async function shot(page: Page, testInfo: TestInfo, name: string) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const rows = await page
    .getByRole(testInfo.project.name === "desktop" ? "row" : "listitem")
    .count();
  testInfo.annotations.push({
    type: "page-height",
    description: `${name}: ${height}px, ${rows} rows`,
  });
  console.log(`[page-height] ${testInfo.project.name} ${name}: ${height}px (${rows} rows)`);
  await screenshot(page, testInfo, name);
}
