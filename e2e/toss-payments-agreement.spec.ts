// The checkout's recurring-payment agreement names the method the customer picks (issue 12): on
// the store that offers 토스페이, 카드 and 계좌, the words follow the radio (the server compares
// the words sent with its own and stores them: tests/subscriptions/checkout-consent.test.ts).
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { screenshot } from "./support/screenshots";
import { METHOD_CHOICE } from "./support/toss-payments";
import { newCustomer } from "./support/test-accounts";

test("the agreement follows the chosen method", async ({ page }, testInfo) => {
  await signUp(page, newCustomer("tp-agreement"));
  await page.goto("/subscribe/basic");
  const agreement = page.getByRole("group", { name: "자동결제 동의" }).locator("p").first();
  await expect(agreement).toContainText("같은 금액이 토스페이로 자동결제돼요.");

  await page.getByRole("radio", { name: METHOD_CHOICE.card }).check();
  await expect(agreement).toContainText("같은 금액이 토스페이먼츠에 등록한 카드로 자동결제돼요.");
  await page.getByRole("radio", { name: METHOD_CHOICE.account }).check();
  await expect(agreement).toContainText("같은 금액이 토스페이먼츠에 등록한 계좌로 자동결제돼요.");
  await expect(agreement).toContainText(/^베이직 9,900원\(부가세 포함\)이 오늘 결제되고/);
  await screenshot(page, testInfo, "toss-payments-agreement-account");
});
