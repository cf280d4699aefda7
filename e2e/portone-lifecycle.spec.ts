// PortOne over months (issue 11, "Done when"), on the store that enabled every provider
// (playwright.config.ts, the multi-provider lifecycle projects): a customer subscribes through
// PortOne's Toss Pay channel and renews when the billing run executes as of the next charge date
// (scripts/billing-run.ts as a child process, charging through the official server SDK); the
// admin refunds the renewal; in the sandbox's developer tools the customer changes the card in
// the Toss app (a signed BillingKey.Updated) and /account shows the new card; then the customer
// ends the key in the Toss app (BillingKey.Deleted), which PortOne confirms, and /account asks
// for a new method.
//
// Billing runs charge every due subscription of the store, so the journeys that bill as of a
// later month may renew each other's customers; each bills as of its own customer's date.
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { signInAsAdmin } from "./support/journeys";
import {
  adminChargeRows,
  historyEntry,
  pageOfItsOwn,
  renewAfterNextCharge,
} from "./support/lifecycle";
import {
  OTHER_CARD,
  PORTONE_LABEL,
  TEST_CARD,
  sandboxOverview,
  subscribeWithPortOne,
} from "./support/portone";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";
import { methodPanel } from "./support/toss-payments";

test("a PortOne subscriber renews, is refunded, changes the card in the Toss app and then ends the key", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const isDesktop = testInfo.project.name.endsWith("desktop");

  // (1) Subscribe through PortOne, (2) renew as of the next charge date.
  const customer = newCustomer("po-life");
  await signUp(page, customer);
  await subscribeWithPortOne(page, isDesktop);
  await renewAfterNextCharge(baseURL, [page]);
  await page.reload();
  const renewal = historyEntry(page, "2회차 자동결제");
  await expect(renewal.getByText("9,900원", { exact: true })).toBeVisible();
  await expect(renewal).toContainText("결제 완료");
  await expect(methodPanel(page)).toContainText(TEST_CARD.company);
  await expect(methodPanel(page)).toContainText(`${PORTONE_LABEL} 자동결제`);
  await screenshot(page, testInfo, "po-lifecycle-renewed");

  // (3) The admin refunds the renewal in full (POST /payments/{paymentId}/cancel).
  const admin = await pageOfItsOwn(browser);
  await signInAsAdmin(admin, "/admin/charges");
  const rows = await adminChargeRows(admin, customer.email, isDesktop);
  const renewalRow = rows.filter({ hasText: "2회차" });
  await renewalRow.getByRole("button", { name: /^환불/ }).click();
  const dialog = admin.getByRole("dialog", { name: "결제 환불" });
  await dialog.getByLabel("환불 사유").fill("고객 요청");
  await dialog.getByRole("button", { name: "9,900원 환불하기" }).click();
  await expect(dialog).toBeHidden();
  await expect(renewalRow).toContainText("전액 환불");
  await page.reload();
  await expect(historyEntry(page, "2회차 자동결제")).toContainText("전액 환불");
  await screenshot(page, testInfo, "po-lifecycle-refunded");

  // The customer's key, as the sandbox's developer tools list it: the first charge's order id
  // (its refund button names it) is a paymentId there.
  const refundButton = rows.getByRole("button", { name: /^환불/ }).first();
  const orderId = /\(([^)]+)\)/.exec((await refundButton.textContent()) ?? "")?.[1];
  expect(orderId).toBeTruthy();
  const { payments } = await sandboxOverview(admin);
  const billingKey = payments.find((p) => p.paymentId === orderId)?.billingKey;
  expect(billingKey).toBeTruthy();

  // (4) In the Toss app the customer switches the key to another card: BillingKey.Updated.
  await admin.goto("/sandbox/portone/_sandbox");
  const keyRow = admin.getByRole("row").filter({ hasText: billingKey! });
  await keyRow.getByLabel("새 결제수단").selectOption(OTHER_CARD.id);
  await keyRow.getByRole("button", { name: /결제수단 변경/ }).click();
  await expect(async () => {
    await page.reload();
    await expect(methodPanel(page)).toContainText(OTHER_CARD.company, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await screenshot(page, testInfo, "po-lifecycle-card-changed");

  // (5) The customer ends the key in the Toss app: BillingKey.Deleted, confirmed with PortOne.
  await admin.goto("/sandbox/portone/_sandbox");
  await admin
    .getByRole("row")
    .filter({ hasText: billingKey! })
    .getByRole("button", { name: /고객이 해지/ })
    .click();
  await expect(async () => {
    await page.reload();
    await expect(methodPanel(page)).toContainText("등록된 결제수단이 없어요", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(methodPanel(page).getByRole("button", { name: "결제수단 등록" })).toBeVisible();
  await screenshot(page, testInfo, "po-lifecycle-key-ended");
});
