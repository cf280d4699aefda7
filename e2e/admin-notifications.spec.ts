// Customer emails from the production build (issue 8 §2): a customer subscribes, and the
// receipt leaves right after that request answered — no cron runs against this server, so only
// the app's own after() delivery can have sent it. The customer's mailbox (the e2e server's
// SMTP sink) has the Korean receipt, and the admin's outbox shows it as sent. Re-sending a failed
// email is driven through the real server action in tests/admin/notifications.test.ts.
// Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { signInAsAdmin, subscribedCustomer } from "./support/journeys";
import { waitForMail } from "./support/mailbox";
import { screenshot } from "./support/screenshots";

test("the receipt reaches the customer right after subscribing, and the outbox says it was sent", async ({
  page,
  browser,
}, testInfo) => {
  const customer = await subscribedCustomer(
    browser,
    testInfo.project.name === "desktop",
    "admin-notifications",
  );

  const receipt = await waitForMail(customer.email, "영수증");
  expect(receipt.text).toContain("이 결제됐어요.");
  expect(receipt.text).toMatch(/주문번호: \S+/);

  await signInAsAdmin(page, "/admin/notifications");
  await expect(page.getByRole("heading", { name: "알림 발송 내역", level: 1 })).toBeVisible();
  await page.getByLabel("받는 사람 이메일 · 이름").fill(customer.email);
  await page.getByRole("button", { name: "검색" }).click();
  const row = page.getByRole("row").filter({ hasText: "결제 영수증" });
  await expect(row).toContainText("발송됨");
  // Only a failed or unsent email can be sent again.
  await expect(row.getByRole("button", { name: /다시 보내기/ })).toBeHidden();
  await screenshot(page, testInfo, "admin-notifications");
});
