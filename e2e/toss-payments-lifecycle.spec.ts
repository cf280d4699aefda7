// Toss Payments over months (issue 10, "Done when"), on the store that enabled it next to Toss
// Pay (playwright.config.ts, the multi-provider projects): one customer subscribes with a
// card and another with 퀵계좌이체; both renew when the billing run executes as of their next
// charge date (scripts/billing-run.ts as a child process against this store, see
// e2e/support/billing-run.ts); the admin refunds the card customer's renewal, which the
// customer sees as refunded; the 퀵계좌이체 customer's key is deleted in the sandbox's developer
// tools, whose BILLING_DELETED webhook makes /account warn at once, and the next charge's
// answer (INVALID_BILL_KEY_REQUEST) confirms the removal: the method is gone and the customer
// is asked to register a new one.
//
// The billing run charges every due subscription of the store, so the desktop and phone runs of
// this journey (and the other Toss Payments journeys) may renew each other's customers. Each
// run therefore bills as of the date its own customer is shown as the next charge, which holds
// in whatever order the runs interleave.
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { signInAsAdmin } from "./support/journeys";
import {
  adminChargeRows,
  historyEntry,
  pageOfItsOwn,
  renewAfterNextCharge,
} from "./support/lifecycle";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";
import {
  TEST_ACCOUNT,
  TEST_CARD,
  billingHistory,
  methodPanel,
  subscribeWithTossPayments,
} from "./support/toss-payments";

const REMOVAL_REPORTED = "결제수단이 해지됐다는 알림을 받았어요";
const KEY_UNUSABLE = "등록된 결제수단을 더 이상 쓸 수 없어요.";
const RETRYING = "결제에 실패해서 다시 시도하고 있어요";

test("a card and a 퀵계좌이체 subscriber renew, one is refunded, the other's deleted key ends in a new-method request", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(300_000);
  const baseURL = String(testInfo.project.use.baseURL);
  const isDesktop = testInfo.project.name.endsWith("desktop");

  // (1) Both subscribe in the browser: the card customer on this page, the other on their own.
  const cardCustomer = newCustomer("tp-life-card");
  await signUp(page, cardCustomer);
  await subscribeWithTossPayments(page, "card");
  const accountCustomer = newCustomer("tp-life-account");
  const accountPage = await pageOfItsOwn(browser);
  await signUp(accountPage, accountCustomer);
  await subscribeWithTossPayments(accountPage, "account");

  // (2) The billing run as of the next charge date renews both.
  await renewAfterNextCharge(baseURL, [page, accountPage]);
  for (const customerPage of [page, accountPage]) {
    await customerPage.reload();
    const renewal = historyEntry(customerPage, "2회차 자동결제");
    await expect(renewal.getByText("9,900원", { exact: true })).toBeVisible();
    await expect(renewal).toContainText("결제 완료");
    await expect(historyEntry(customerPage, "첫 결제")).toContainText("결제 완료");
  }
  await expect(methodPanel(page)).toContainText(TEST_CARD.company);
  await expect(methodPanel(accountPage)).toContainText(TEST_ACCOUNT.bank);
  await expect(methodPanel(accountPage)).toContainText("토스페이먼츠 자동결제");
  await screenshot(page, testInfo, "tp-lifecycle-card-renewed");
  await screenshot(accountPage, testInfo, "tp-lifecycle-account-renewed");

  // (3) The admin refunds the card customer's renewal in full from 결제 내역.
  const admin = await pageOfItsOwn(browser);
  await signInAsAdmin(admin, "/admin/charges");
  const cardRows = await adminChargeRows(admin, cardCustomer.email, isDesktop);
  // (Another journey's billing run may have renewed this customer again meanwhile.)
  const renewalRow = cardRows.filter({ hasText: "2회차" });
  // (The row also holds its closed refund dialog, which repeats the amount.)
  await expect(renewalRow.getByText("9,900원", { exact: true }).first()).toBeVisible();
  await renewalRow.getByRole("button", { name: /^환불/ }).click();
  const dialog = admin.getByRole("dialog", { name: "결제 환불" });
  await expect(dialog.getByLabel("환불 금액 (원)")).toHaveValue("9900");
  await dialog.getByLabel("환불 사유").fill("고객 요청");
  await dialog.getByRole("button", { name: "9,900원 환불하기" }).click();
  // Refunded in full, the row has nothing left to refund: the dialog goes with its button.
  await expect(dialog).toBeHidden();
  await expect(renewalRow).toContainText("환불 9,900원");
  await expect(renewalRow).toContainText("전액 환불");
  await expect(renewalRow.getByRole("button", { name: /^환불/ })).toHaveCount(0);
  await screenshot(admin, testInfo, "tp-lifecycle-admin-refund");

  await page.reload();
  const refunded = historyEntry(page, "2회차 자동결제");
  await expect(refunded).toContainText("전액 환불");
  await expect(historyEntry(page, "첫 결제")).not.toContainText("환불");
  await screenshot(page, testInfo, "tp-lifecycle-card-refunded");

  // (4) The admin finds the 퀵계좌이체 customer's order, and its key in the sandbox's tools.
  const accountRows = await adminChargeRows(admin, accountCustomer.email, isDesktop);
  const refundButton = accountRows.first().getByRole("button", { name: /^환불/ });
  const orderId = /\(([^)]+)\)/.exec((await refundButton.textContent()) ?? "")?.[1];
  expect(orderId).toBeTruthy();
  const overview = await admin.request.get("/sandbox/toss-payments/_sandbox?format=json");
  expect(overview.status()).toBe(200);
  const { payments } = (await overview.json()) as {
    payments: { orderId: string; billingKey: string }[];
  };
  const billingKey = payments.find((p) => p.orderId === orderId)?.billingKey;
  expect(billingKey).toBeTruthy();

  await admin.goto("/sandbox/toss-payments/_sandbox");
  const keyRow = admin.getByRole("row").filter({ hasText: billingKey! });
  await expect(keyRow).toContainText("퀵계좌이체");
  await keyRow.getByRole("button", { name: "삭제", exact: true }).click();
  await expect(admin.getByRole("row").filter({ hasText: billingKey! })).toContainText("삭제됨");
  await screenshot(admin, testInfo, "tp-lifecycle-sandbox-deleted");

  // BILLING_DELETED arrives by webhook (asynchronously): the customer is warned, nothing ends.
  const warning = accountPage.getByText(REMOVAL_REPORTED);
  await expect(async () => {
    await accountPage.reload();
    await expect(warning).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const panel = methodPanel(accountPage);
  await expect(panel).toContainText(
    "토스페이먼츠에서 이 결제수단의 자동결제가 해지됐다고 알려 왔어요.",
  );
  await expect(panel).toContainText(TEST_ACCOUNT.bank);
  await screenshot(accountPage, testInfo, "tp-lifecycle-removal-reported");

  // The next charge confirms it: INVALID_BILL_KEY_REQUEST, the method is removed, and the
  // customer is asked for a new one. The other project's run of this journey bills the whole
  // store and may have made that charge already; then the subscription is retrying and there is
  // no next charge date to bill as of.
  await accountPage.goto("/account");
  if (await accountPage.getByText(RETRYING).isHidden()) {
    await renewAfterNextCharge(baseURL, [accountPage]);
  }
  await accountPage.reload();
  const failed = billingHistory(accountPage)
    .getByRole("listitem")
    .filter({ hasText: "결제 실패" })
    .first();
  await expect(failed).toContainText(KEY_UNUSABLE);
  await expect(warning).toBeHidden();
  await expect(panel).toContainText("등록된 결제수단이 없어요");
  await expect(panel).toContainText("새 결제수단을 등록해 주세요.");
  await expect(panel).not.toContainText(TEST_ACCOUNT.bank);
  await expect(panel.getByRole("button", { name: "결제수단 등록" })).toBeVisible();
  // Dunning takes its course: the subscription is retrying, not ended.
  await expect(accountPage.getByText(RETRYING)).toBeVisible();
  await screenshot(accountPage, testInfo, "tp-lifecycle-removed");

  // The refunded card customer was not touched by any of it.
  await page.reload();
  await expect(page.getByText(REMOVAL_REPORTED)).toBeHidden();
  await expect(methodPanel(page)).toContainText(TEST_CARD.company);
});
