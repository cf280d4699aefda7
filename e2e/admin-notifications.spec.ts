// Customer emails from the production build (issue 8 §2): a customer subscribes, and the
// receipt is handled right after that request answered — not left waiting for a cron run. This
// server has no SMTP_URL, so production neither sends nor prints it: the outbox shows it as
// 메일 미발송 with the reason, and the admin's 다시 보내기 puts it back in the outbox, says
// that email is still not configured, and is audited. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { signInAsAdmin, subscribedCustomer } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { E2E_ADMIN } from "./support/test-accounts";

test("the outbox shows an unsent receipt at once, and the admin can send it again", async ({
  page,
  browser,
}, testInfo) => {
  const customer = await subscribedCustomer(
    browser,
    testInfo.project.name === "desktop",
    "admin-notifications",
  );

  await signInAsAdmin(page, "/admin/notifications");
  await expect(page.getByRole("heading", { name: "알림 발송 내역", level: 1 })).toBeVisible();
  await page.getByLabel("받는 사람 이메일 · 이름").fill(customer.email);
  await page.getByRole("button", { name: "검색" }).click();
  const receipt = page.getByRole("row").filter({ hasText: "결제 영수증" });
  // The pass after the subscribing request already looked at it (no cron runs here).
  await expect(receipt).toContainText("메일 미발송");
  await expect(receipt).toContainText("email is not configured (SMTP_URL unset)");
  await screenshot(page, testInfo, "admin-notifications");

  await receipt.getByRole("button", { name: /다시 보내기/ }).click();
  await expect(receipt.getByText(/메일 발송\(SMTP_URL\)이 설정되지 않아/)).toBeVisible();
  await expect(receipt.getByRole("button", { name: /다시 보내기/ })).toBeHidden();
  await screenshot(page, testInfo, "admin-notifications-resent");

  await page.goto("/admin/audit?action=notification.resend");
  const entry = page.getByRole("list", { name: "감사 로그 목록" }).getByRole("listitem").first();
  await expect(entry).toContainText("알림 다시 보내기");
  await expect(entry).toContainText(E2E_ADMIN.email);
});
