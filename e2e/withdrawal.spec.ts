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
  await screenshot(page, testInfo, "withdrawal-account");
  await page.getByRole("link", { name: "해지·환불 방법 보기" }).click();
  await expect(page).toHaveURL(/\/account\/cancel$/);
  const withdrawal = page.getByRole("heading", { name: /청약철회/ }).locator("xpath=../..");
  await expect(withdrawal).toContainText(
    /첫 결제 후 \d{4}년 \d{1,2}월 \d{1,2}일까지는 청약철회할 수 있어요/,
  );
  await expect(withdrawal).toContainText("9,900원을 모두 환불해요");
  // Cancelling at period end stays available, and says nothing is refunded.
  await expect(page.getByText("이미 결제된 금액은 환불되지 않아요.")).toBeVisible();
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
  const row = (term: string) =>
    page
      .locator("dl div")
      .filter({ has: page.locator("dt", { hasText: term }) })
      .locator("dd");
  await expect(row("환불 상태")).toHaveText("9,900원 환불 완료");
  const orderNo = ((await row("주문번호").textContent()) ?? "").trim();
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
  const refundRow = isDesktop
    ? admin.getByRole("region", { name: "환불 내역" }).getByRole("row").nth(1)
    : admin.getByRole("list", { name: "환불 내역" }).getByRole("listitem").first();
  await expect(refundRow).toContainText("사유: 청약철회");
  await expect(refundRow).toContainText("환불 완료");
  await expect(refundRow.getByText("9,900원", { exact: true })).toBeVisible();
  await screenshot(admin, testInfo, "withdrawal-admin-refunds");
  // The subscriber page: ended by the customer, the refund with its reason in the timeline.
  await refundRow.getByRole("link", { name: customer.name }).click();
  await expect(admin).toHaveURL(/\/admin\/subscribers\/[0-9a-f-]{36}$/);
  await expect(admin.getByText("customer: withdrawal")).toBeVisible();
  await expect(admin.getByText("청약철회", { exact: true }).first()).toBeVisible();
  // Use can no longer matter once it has ended: the record is offered for live subscriptions.
  await expect(admin.getByRole("region", { name: "서비스 이용 기록" })).toHaveCount(0);
  await screenshot(admin, testInfo, "withdrawal-admin-subscriber");
  await admin.goto("/admin/settings");
  const policy = admin.getByRole("region", { name: "청약철회와 중도 해지 환불" });
  await expect(policy.getByLabel("청약철회 기간 (일)")).toHaveValue("7");
  await expect(policy.getByRole("radio", { name: /사용 여부와 관계없이 허용/ })).toBeChecked();
  await policy.scrollIntoViewIfNeeded();
  await screenshot(admin, testInfo, "withdrawal-admin-settings");
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

test("when the merchant allows it, a customer cancels now and gets the remaining days back", async ({
  page,
  browser,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  // The merchant turns the option on in settings (left on: no other journey depends on it off).
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signInAsAdmin(admin, "/admin/settings");
  const policy = admin.getByRole("region", { name: "청약철회와 중도 해지 환불" });
  await policy.getByRole("checkbox", { name: /지금 해지하고 남은 기간 환불 허용/ }).check();
  await policy.getByRole("button", { name: "환불 정책 저장" }).click();
  await expect(policy.getByText("저장했어요. 고객의 해지 화면에 바로 반영돼요.")).toBeVisible();

  const customer = newCustomer("cancel-now");
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await page.goto("/account/cancel");
  // Both ways with money back are offered inside the withdrawal window.
  await expect(page.getByRole("button", { name: "청약철회하기" })).toBeVisible();
  const choice = page
    .getByRole("heading", { name: "지금 해지하고 남은 기간 환불" })
    .locator("xpath=../..");
  const offer = /오늘 해지하면 남은 (\d+)일치 ([\d,]+)원을 환불해요/.exec(
    (await choice.textContent()) ?? "",
  );
  const period = /이용 기간 (\d+)일로 나눠/.exec((await choice.textContent()) ?? "");
  expect(offer && period).toBeTruthy();
  const remainingDays = Number(offer![1]);
  const daysInPeriod = Number(period![1]);
  const amount = Number(offer![2]!.replace(/,/g, ""));
  // Today counts as used; the rest, down to 10원.
  expect(remainingDays).toBe(daysInPeriod - 1);
  expect(amount).toBe(Math.floor((9_900 * remainingDays) / daysInPeriod / 10) * 10);
  const won = `${amount.toLocaleString("en-US")}원`;
  await screenshot(page, testInfo, "cancel-now-options");

  await page.getByRole("button", { name: "지금 해지하기" }).click();
  const dialog = page.getByRole("dialog", { name: "지금 해지할까요?" });
  await expect(dialog).toContainText(`오늘 해지하면 남은 ${remainingDays}일치 ${won}을 환불해요`);
  await screenshot(page, testInfo, "cancel-now-confirm");
  await dialog.getByRole("button", { name: `${won} 환불받고 해지하기` }).click();

  await expect(page.getByRole("heading", { name: "구독을 해지했어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(`${won} 환불을 마쳤어요`)).toBeVisible();
  await expect(page.getByText(`(남은 ${remainingDays}일치)`)).toBeVisible();
  await screenshot(page, testInfo, "cancel-now-result");
  const orderNo = (
    (await page
      .locator("dl div")
      .filter({ has: page.locator("dt", { hasText: "주문번호" }) })
      .locator("dd")
      .textContent()) ?? ""
  ).trim();

  const answer = await admin.request.get(
    `/sandbox/toss-pay/_sandbox/ledger?format=json&orderNo=${encodeURIComponent(orderNo)}`,
  );
  const ledger = (await answer.json()) as { charges: LedgerEntry[] };
  expect(ledger.charges[0]).toMatchObject({
    orderNo,
    amount: 9_900,
    refundedAmount: amount,
    refunds: [expect.objectContaining({ amount })],
  });
  await admin.goto(`/admin/refunds?q=${encodeURIComponent(customer.email)}`);
  await expect(admin.getByText("사유: 중도 해지 환불").first()).toBeAttached();
  await adminContext.close();
});
