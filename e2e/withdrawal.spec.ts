// 청약철회 (issue 12): a customer subscribes, paying 9,900원 in the Toss Pay sandbox, and within
// the 7 days withdraws from /account/cancel: the amount is shown before confirming, the result
// after, and the sandbox's own ledger (what the customer's card company sees) shows the refund
// under the same order number. The admin's refund list names the reason.
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { linkInTossApp, signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

type LedgerEntry = {
  orderNo: string;
  amount: number;
  refundedAmount: number;
  payStatus: string;
  refunds: { refundNo: string; amount: number }[];
};

test("a customer withdraws within 7 days and gets the whole charge back at the provider", async ({
  page,
  browser,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  const customer = newCustomer("withdraw");
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });

  // From the subscription panel to the page with every way to end it.
  await page.goto("/account");
  await page.getByRole("link", { name: "해지·환불 방법 보기" }).click();
  await expect(page).toHaveURL(/\/account\/cancel$/);
  const withdrawal = page.getByRole("heading", { name: /청약철회/ }).locator("xpath=../..");
  await expect(withdrawal).toContainText(
    /첫 결제 후 \d{4}년 \d{1,2}월 \d{1,2}일까지는 청약철회할 수 있어요/,
  );
  await expect(withdrawal).toContainText("9,900원을 모두 환불해요");
  // Cancelling at period end stays available, and says nothing is refunded.
  await expect(page.getByText("이미 결제된 금액은 환불되지 않아요.")).toBeVisible();
  // The merchant has not turned on prorated refunds.
  await expect(page.getByText("지금 해지하고 남은 기간 환불")).toHaveCount(0);
  await screenshot(page, testInfo, "withdrawal-options");

  // The amount again before confirming.
  await page.getByRole("button", { name: "청약철회하기" }).click();
  const dialog = page.getByRole("dialog", { name: "청약철회할까요?" });
  await expect(dialog).toContainText("결제하신 9,900원을 모두 환불해요");
  await expect(dialog).toContainText("지금 바로 끝나고");
  await screenshot(page, testInfo, "withdrawal-confirm");
  await dialog.getByRole("button", { name: "9,900원 환불받고 철회하기" }).click();

  // The result, on the same page.
  await expect(page.getByRole("heading", { name: "청약철회가 완료됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("9,900원 환불을 마쳤어요")).toBeVisible();
  const orderRow = page
    .locator("dl div")
    .filter({ has: page.locator("dt", { hasText: "주문번호" }) })
    .locator("dd");
  await expect(orderRow).toContainText("9,900원 환불 완료");
  const orderNo = ((await orderRow.locator("span").first().textContent()) ?? "").trim();
  expect(orderNo).toMatch(/^[A-Za-z0-9_-]{6,50}$/);
  await screenshot(page, testInfo, "withdrawal-result");

  // The account page: ended, and the confirmation email is in the customer's notices.
  await page.goto("/account");
  await expect(page.getByText("구독이 해지됐어요")).toBeVisible();
  await expect(page.getByText(/베이직 청약철회가 접수됐어요 \(9,900원 환불\)/)).toBeVisible();

  // The provider's side: the sandbox ledger (its developer tools, admins only) has the refund.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, `/admin/refunds?q=${encodeURIComponent(customer.email)}`);
  await expect(admin.getByText("사유: 청약철회").first()).toBeVisible();
  await screenshot(admin, testInfo, "withdrawal-admin-refunds");
  const answer = await admin.request.get(
    `/sandbox/toss-pay/_sandbox/ledger?format=json&orderNo=${encodeURIComponent(orderNo)}`,
  );
  expect(answer.ok()).toBe(true);
  const ledger = (await answer.json()) as { charges: LedgerEntry[] };
  expect(ledger.charges).toHaveLength(1);
  expect(ledger.charges[0]).toMatchObject({
    orderNo,
    amount: 9_900,
    refundedAmount: 9_900,
    refunds: [expect.objectContaining({ amount: 9_900 })],
  });
  await admin.goto(`/sandbox/toss-pay/_sandbox/ledger?orderNo=${encodeURIComponent(orderNo)}`);
  await screenshot(admin, testInfo, "withdrawal-sandbox-ledger");
  await adminContext.close();
});
