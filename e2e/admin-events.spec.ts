// The provider event log in admin (issue 5): a customer links a card in the sandbox's Toss app,
// whose ACTIVATED callback reaches our route over HTTP; the admin finds it in 결제사 이벤트,
// reads the raw payload (without the billing key), re-runs it, and finds the re-run in the
// audit log. Runs on desktop and a 360px phone.
import { expect, test, type Browser } from "@playwright/test";
import { fillSignIn, signUp } from "./support/auth";
import { screenshot } from "./support/screenshots";
import { E2E_ADMIN, newCustomer } from "./support/test-accounts";

const WAITING_PAGE = /\/payment-methods\/[0-9a-f-]{36}$/;

/** A new customer who links a card in the sandbox's Toss app (and pays the first period). */
async function linkedCustomer(browser: Browser, isDesktop: boolean) {
  const customer = newCustomer("admin-events");
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "토스페이로 결제수단 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
  await page
    .getByRole("link", { name: isDesktop ? "이 기기에서 열기" : "토스 앱에서 등록하기" })
    .click();
  await page.locator("label.tile", { hasText: "KB국민카드" }).click();
  await page.getByRole("button", { name: "동의하고 등록" }).click();
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await context.close();
  return customer;
}

test("the admin reads a Toss Pay callback as received and re-runs it", async ({
  page,
  browser,
}, testInfo) => {
  await linkedCustomer(browser, testInfo.project.name === "desktop");

  await page.goto("/admin/events?type=ACTIVATED");
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(/\/admin\/events\?type=ACTIVATED$/);
  await expect(page.getByRole("heading", { name: "결제사 이벤트", level: 1 })).toBeVisible();

  const event = page
    .getByRole("list", { name: "결제사 이벤트 목록" })
    .getByRole("listitem")
    .first();
  await expect(event.getByRole("heading", { name: /ACTIVATED/ })).toBeVisible();
  await expect(event).toContainText("토스페이");
  await expect(event).toContainText("처리됨");
  // Confirmed with /billing-key/status before the method was activated.
  await expect(event).toContainText("검증됨");
  await expect(event).toContainText(/activated payment method|already active/);

  await event.getByText("원본 내용 보기").click();
  const payload = event.locator("pre").first();
  await expect(payload).toBeVisible();
  await expect(payload).toContainText('"action": "ACTIVATED"');
  await expect(payload).not.toContainText(/billingKey/i);
  await screenshot(page, testInfo, "admin-events");

  await event.getByRole("button", { name: "다시 처리" }).click();
  // The answer says what processing did this time (success, or why it could not act).
  await expect(event.getByText(/다시 처리(했어요|하지 못했어요)\. 결과: /)).toBeVisible();
  await screenshot(page, testInfo, "admin-events-reprocessed");

  await page.goto("/admin/audit?action=provider_event.reprocess");
  const entry = page.getByRole("list", { name: "감사 로그 목록" }).getByRole("listitem").first();
  await expect(entry).toContainText("결제사 이벤트 다시 처리");
  await expect(entry).toContainText(E2E_ADMIN.email);
  await expect(entry).toContainText("provider_event");
});
