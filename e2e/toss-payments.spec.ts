// Toss Payments at checkout (issue 10), on the store whose merchant enabled it next to Toss Pay
// and PortOne (playwright.config.ts, the multi-provider projects): the customer picks 카드 or 계좌
// (퀵계좌이체), the sandbox's billing-auth window opens, the browser comes back with its
// authKey, the server issues the key and the first charge runs; /account then says what is
// linked and that 토스페이먼츠 holds it. Closing the window reads as a Korean message with a
// way to try again. Runs against the built app and its in-app Toss Payments sandbox.
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { WAITING_PAGE } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";
import {
  TEST_ACCOUNT,
  TEST_CARD,
  approveAccount,
  approveCard,
  billingHistory,
  cancelWindow,
  chooseAndRegister,
  methodPanel,
  openWindow,
  subscribeWithTossPayments,
} from "./support/toss-payments";

test("a customer subscribes with a card through Toss Payments and sees it on the account page", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("tp-card"));
  await page.goto("/subscribe/basic");

  // The methods this merchant enabled, each saying where it is registered.
  const choice = page.getByRole("group", { name: "결제수단" });
  await expect(choice.getByRole("radio")).toHaveCount(4);
  await expect(choice.getByRole("radio", { name: /^토스페이(?! \(PortOne\))/ })).toBeChecked();
  await expect(choice).toContainText("토스 앱에서 카드나 계좌를 골라요");
  await expect(choice.getByRole("radio", { name: /^카드/ })).toBeVisible();
  await expect(choice.getByRole("radio", { name: /^계좌 \(퀵계좌이체\)/ })).toBeVisible();
  // (This store also offers PortOne's Toss Pay channel, named apart from the direct one.)
  await expect(choice.getByRole("radio", { name: /^토스페이 \(PortOne\)/ })).toBeVisible();
  await expect(choice).toContainText("토스페이먼츠 결제창에서 카드를 등록해요");
  await screenshot(page, testInfo, "toss-payments-method-choice");

  await chooseAndRegister(page, /^카드/);
  await screenshot(page, testInfo, "toss-payments-waiting");
  await openWindow(page);
  await screenshot(page, testInfo, "toss-payments-card-window");
  await approveCard(page);

  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("9,900원 결제를 마쳤어요.")).toBeVisible();
  await expect(page.getByText("토스페이먼츠 자동결제", { exact: false })).toBeVisible();

  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  const panel = methodPanel(page);
  await expect(panel).toContainText(TEST_CARD.company);
  await expect(panel).toContainText(TEST_CARD.maskedTail);
  await expect(panel).toContainText("토스페이먼츠 자동결제");
  const history = billingHistory(page);
  await expect(history).toContainText("첫 결제");
  await expect(history.getByText("9,900원", { exact: true })).toBeVisible();
  await expect(history).toContainText("결제 완료");
  await screenshot(page, testInfo, "toss-payments-account-card");

  // Changing the method offers the same choice as the checkout.
  await panel.getByRole("button", { name: "결제수단 변경" }).click();
  const dialog = page.getByRole("dialog", { name: "결제수단 변경" });
  await expect(dialog.getByRole("radio")).toHaveCount(4);
  await expect(dialog.getByRole("button", { name: "새 결제수단 등록" })).toBeVisible();
  await screenshot(page, testInfo, "toss-payments-change-dialog");
});

test("a 퀵계좌이체 account on a trial says its bank comes with the first charge", async ({
  page,
}, testInfo) => {
  // A trial: linked today, charged later. Registration alone does not name the bank.
  await signUp(page, newCustomer("tp-account-trial"));
  await page.goto("/subscribe/pro");
  await chooseAndRegister(page, /^계좌 \(퀵계좌이체\)/);
  await openWindow(page);
  await screenshot(page, testInfo, "toss-payments-account-window");
  await approveAccount(page);
  await expect(page.getByRole("heading", { name: "무료 체험이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  const pending = methodPanel(page);
  await expect(pending).toContainText("은행과 계좌번호는 첫 결제 후 표시돼요");
  await expect(pending).toContainText("토스페이먼츠 자동결제");
  await screenshot(page, testInfo, "toss-payments-account-pending");
});

// The charge's answer names the bank and the masked number; settling a successful charge fills
// the method's empty display columns from it (lib/billing/fill-method-details.ts).
test("a 퀵계좌이체 account charged at once shows its bank on the account page", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("tp-account-paid"));
  await subscribeWithTossPayments(page, "account");
  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  const paid = methodPanel(page);
  await expect(paid).toContainText(TEST_ACCOUNT.bank);
  await expect(paid).not.toContainText("첫 결제 후 표시돼요");
  await expect(paid).toContainText("토스페이먼츠 자동결제");
  await expect(billingHistory(page)).toContainText("결제 완료");
  await screenshot(page, testInfo, "toss-payments-account-paid");
});

test("closing the window reads as a Korean message with a way to register again", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("tp-cancel"));
  await page.goto("/subscribe/basic");
  await chooseAndRegister(page, /^카드/);
  await openWindow(page);
  await cancelWindow(page);

  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "결제수단을 등록하지 못했어요" })).toBeVisible();
  await expect(
    page.getByText("결제수단 등록을 취소했어요. 아래에서 다시 등록할 수 있어요."),
  ).toBeVisible();
  // Again, with any of the enabled methods; nothing was charged.
  await expect(page.getByRole("group", { name: "결제수단" }).getByRole("radio")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "다시 등록" })).toBeVisible();
  await screenshot(page, testInfo, "toss-payments-cancelled");

  await page.getByRole("radio", { name: /^카드/ }).check();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  const before = page.url();
  await page.getByRole("button", { name: "다시 등록" }).click();
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(WAITING_PAGE);
  await openWindow(page);
  await approveCard(page);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
});
