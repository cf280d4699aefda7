// The provider event log in admin (issue 5): a customer links a card in the sandbox's Toss app,
// whose ACTIVATED callback reaches our route over HTTP; the admin finds it in 결제사 이벤트,
// reads the raw payload (without the billing key), re-runs it, and finds the re-run in the
// audit log. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { fillSignIn } from "./support/auth";
import { subscribedCustomer } from "./support/journeys";
import { screenshot } from "./support/screenshots";
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

  // The newest event, pinned by its dedupe key: journeys running at the same time add events
  // to the top of the list, and a re-run must be checked on the event it was pressed on.
  const events = page.getByRole("list", { name: "결제사 이벤트 목록" }).getByRole("listitem");
  const dedupeKey = (await events.first().locator("dd.break-all").textContent()) ?? "";
  expect(dedupeKey).not.toBe("");
  const event = events.filter({ hasText: dedupeKey });
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
