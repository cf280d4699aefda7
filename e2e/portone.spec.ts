// PortOne at checkout (issue 11), on the store whose merchant enabled every provider
// (playwright.config.ts, the multi-provider projects): the customer picks 토스페이 (PortOne),
// approves in the sandbox's issuance window (a popup on a desktop, a redirect on a phone), the
// server confirms the key with GET /billing-keys/{key} and the first charge runs; /account then
// says what is linked. A key approved after the customer left the page still arrives, through
// the signed BillingKey.Issued webhook. Runs against the built app and its in-app PortOne
// sandbox, which the server reaches through the official server SDK.
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { WAITING_PAGE } from "./support/journeys";
import {
  PORTONE_CHOICE,
  PORTONE_LABEL,
  TEST_CARD,
  approveIn,
  choosePortOne,
  openIssuanceWindow,
} from "./support/portone";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";
import { billingHistory, methodPanel } from "./support/toss-payments";

test("a customer subscribes through PortOne's Toss Pay channel and sees the card on the account page", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name.endsWith("desktop");
  await signUp(page, newCustomer("po-sub"));
  await page.goto("/subscribe/basic");

  const choice = page.getByRole("group", { name: "결제수단" });
  await expect(choice.getByRole("radio", { name: PORTONE_CHOICE })).toBeVisible();
  await expect(choice).toContainText("토스페이 창에서 토스 앱으로 카드나 계좌를 골라요");
  await screenshot(page, testInfo, "portone-method-choice");

  await choosePortOne(page);
  await screenshot(page, testInfo, "portone-waiting");
  const window = await openIssuanceWindow(page, isDesktop);
  await screenshot(window, testInfo, "portone-issuance-window");
  await approveIn(window);

  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(/9,900/).first()).toBeVisible();
  await screenshot(page, testInfo, "portone-subscribed");

  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  const panel = methodPanel(page);
  await expect(panel).toContainText(TEST_CARD.company);
  await expect(panel).toContainText(`${PORTONE_LABEL} 자동결제`);
  await expect(billingHistory(page)).toContainText("첫 결제");
  await screenshot(page, testInfo, "portone-account");
});

test("a key approved after the customer left the page arrives by the signed webhook", async ({
  page,
}, testInfo) => {
  test.skip(!testInfo.project.name.endsWith("desktop"), "the popup flow is the desktop's");
  await signUp(page, newCustomer("po-webhook"));
  await page.goto("/subscribe/basic");
  await choosePortOne(page);
  const waitingPage = page.url();
  const window = await openIssuanceWindow(page, true);
  // The customer wanders off before approving: the SDK's answer never reaches our page.
  await page.goto("/pricing");
  await approveIn(window);

  // BillingKey.Issued (signed) names the key; the server confirms it with PortOne and starts
  // the subscription. The waiting page shows it when the customer comes back.
  await expect(async () => {
    await page.goto(waitingPage);
    await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
      timeout: 1_000,
    });
  }).toPass({ timeout: 30_000 });
  await page.goto("/account");
  await expect(methodPanel(page)).toContainText(TEST_CARD.company);
});

test("closing the window without approving reads as a Korean message with a way back", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name.endsWith("desktop");
  await signUp(page, newCustomer("po-cancel"));
  await page.goto("/subscribe/basic");
  await choosePortOne(page);
  const window = await openIssuanceWindow(page, isDesktop);
  await window.getByRole("button", { name: "취소", exact: true }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByText("토스 앱에서 등록을 취소했어요.")).toBeVisible();
  await screenshot(page, testInfo, "portone-cancelled");
});
