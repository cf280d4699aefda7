// Linking a Toss Pay method from the storefront (issue 3): pricing → sign up → consent →
// the waiting page → the sandbox's Toss app screen → approve → the result, the card and the
// receipt. Desktop gets a QR code, phones get app buttons; a declining card explains itself in
// Korean and can be replaced. Runs against the built app and its in-app Toss Pay sandbox.
import { devices, type Page } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { signUp, submitSignUp, verifyEmail } from "./support/auth";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

const WAITING_PAGE = /\/payment-methods\/[0-9a-f-]{36}$/;
const APP_SCREEN = /\/sandbox\/toss-pay\/payfront\/billing\?token=/;

/** Ticks the auto-payment agreement and presses the button that starts a registration. */
async function consentAndRegister(page: Page, button = "토스페이로 결제수단 등록") {
  const before = page.url();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: button }).click();
  // A new registration has its own waiting page (also when starting from an old one).
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(WAITING_PAGE);
}

/** From the waiting page to the sandbox's Toss app screen, the way this device would go. */
async function openTossApp(page: Page, isDesktop: boolean) {
  const link = isDesktop
    ? page.getByRole("link", { name: "이 기기에서 열기" })
    : page.getByRole("link", { name: "토스 앱에서 등록하기" });
  await link.click();
  await expect(page).toHaveURL(APP_SCREEN);
}

/** On the sandbox's app screen: pick a method (and how its charges end), then approve. */
async function approveInApp(page: Page, method: string, behavior = "정상 승인") {
  await page.locator("label.tile", { hasText: method }).click();
  await page.locator("label.chip", { hasText: behavior }).click();
  await page.getByRole("button", { name: "동의하고 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
}

test("a visitor subscribes from pricing, approves in the Toss app and sees the card and receipt", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  const customer = newCustomer("linking");

  await page.goto("/pricing");
  await page.getByRole("link", { name: "베이직 구독하기" }).click();
  // Signing in is required; the way back to the plan survives sign-up.
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsubscribe%2Fbasic/);
  await page.getByRole("link", { name: "회원가입" }).last().click();
  await expect(page).toHaveURL(/\/sign-up\?callbackUrl=%2Fsubscribe%2Fbasic/);
  await submitSignUp(page, customer);
  // The emailed link carries the way back too.
  await verifyEmail(page, customer);
  await expect(page).toHaveURL(/\/subscribe\/basic$/);
  await expect(page.getByRole("heading", { name: "베이직 구독", level: 1 })).toBeVisible();
  await expect(page.getByText("9,900원 (부가세 포함)")).toBeVisible();

  // The agreement is required, and the server says so in Korean next to the checkbox.
  await page.getByRole("button", { name: "토스페이로 결제수단 등록" }).click();
  const consent = page.getByRole("checkbox", { name: /자동결제에 동의해요/ });
  await expect(page.getByText("자동결제 동의에 체크해 주세요.")).toBeVisible();
  await expect(consent).toBeFocused();
  await expect(page).toHaveURL(/\/subscribe\/basic$/);
  await screenshot(page, testInfo, "subscribe-consent-required");

  await consentAndRegister(page);
  await expect(
    page.getByRole("heading", { name: "토스 앱에서 승인을 기다리고 있어요" }),
  ).toBeVisible();
  await expect(page.getByRole("timer")).toHaveText(/^1[45]:\d\d$/);
  if (isDesktop) {
    await expect(page.getByRole("img", { name: "토스 앱 등록 링크 QR 코드" })).toBeVisible();
    await expect(page.getByRole("link", { name: "토스 앱에서 등록하기" })).toHaveCount(0);
  } else {
    await expect(page.getByRole("img", { name: "토스 앱 등록 링크 QR 코드" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "토스 앱에서 등록하기" })).toHaveAttribute(
      "href",
      /platform=android/,
    );
    await expect(page.getByRole("link", { name: "브라우저에서 열기" })).toBeVisible();
  }
  // What is being approved, said again while waiting.
  await expect(
    page.getByText("월 9,900원 자동결제 · 승인하기 전에는 결제되지 않아요."),
  ).toBeVisible();
  await screenshot(page, testInfo, "waiting-for-approval");

  await openTossApp(page, isDesktop);
  await expect(page.getByRole("heading", { name: /자동결제를 등록할게요/ })).toBeVisible();
  // Like Toss's own screen: who is asking, and for what and how much.
  await expect(page.getByRole("definition").filter({ hasText: "구독 스토어" })).toBeVisible();
  await expect(page.getByText("베이직 월 9,900원 자동결제")).toBeVisible();
  await screenshot(page, testInfo, "toss-app-screen");
  await approveInApp(page, "KB국민카드");

  // Back on the waiting page, which moves on by itself once the first charge is settled, and
  // says so through its live region.
  await expect(
    page
      .getByRole("status")
      .filter({ has: page.getByRole("heading", { name: "구독이 시작됐어요" }) }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("9,900원 결제를 마쳤어요.")).toBeVisible();
  await expect(page.getByText("국민카드", { exact: true })).toBeVisible();
  await expect(page.getByText("체크", { exact: true })).toBeVisible();
  const receipt = page.getByRole("link", { name: /영수증 보기/ });
  await expect(receipt).toHaveAttribute(
    "href",
    /\/sandbox\/toss-pay\/payfront\/web\/external\/sales-check\?/,
  );
  await screenshot(page, testInfo, "first-charge-succeeded");

  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "베이직" })).toBeVisible();
  await expect(page.getByText("이용 중", { exact: true })).toBeVisible();
  await expect(page.getByText("국민카드", { exact: true })).toBeVisible();
  const history = page.getByRole("list", { name: "결제 내역" }).getByRole("listitem");
  await expect(history).toHaveCount(1);
  const firstCharge = history.first();
  await expect(firstCharge).toContainText("첫 결제");
  await expect(firstCharge.getByText("9,900원", { exact: true })).toBeVisible();
  await expect(firstCharge).toContainText("결제 완료");
  await screenshot(page, testInfo, "account-after-linking");

  // Our receipt: the VAT split of 9,900원, the card, the seller; and the sandbox's 매출전표 for
  // this very charge behind "결제사 영수증 보기".
  await firstCharge.getByRole("link", { name: /영수증/ }).click();
  await expect(page).toHaveURL(/\/account\/receipts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "영수증", level: 1 })).toBeVisible();
  const amounts = page.getByRole("region", { name: "금액" });
  for (const [term, value] of [
    ["공급가액", "9,000원"],
    ["부가세", "900원"],
    ["면세 금액", "0원"],
    ["합계", "9,900원"],
  ]) {
    await expect(amounts.getByRole("definition").filter({ hasText: value }).first()).toBeVisible();
    await expect(amounts.getByRole("term").filter({ hasText: term })).toBeVisible();
  }
  await expect(page.getByRole("region", { name: "결제 정보" })).toContainText("국민카드");
  await expect(page.getByRole("button", { name: "인쇄하기" })).toBeVisible();
  const receiptHref = await page
    .getByRole("link", { name: /결제사 영수증 보기/ })
    .getAttribute("href");
  expect(receiptHref).toMatch(/sales-check/);
  await screenshot(page, testInfo, "receipt");
  const receiptPage = await page.request.get(receiptHref ?? "");
  expect(receiptPage.status()).toBe(200);
  expect(await receiptPage.text()).toContain("9,900");

  // Pricing's 구독하기 no longer starts a second subscription.
  await page.goto("/subscribe/pro");
  await expect(page.getByText("이미 이용 중인 구독이 있어요")).toBeVisible();
  await expect(page.getByRole("button", { name: "토스페이로 결제수단 등록" })).toHaveCount(0);
});

test("a declined first charge is explained in Korean and a different card finishes the subscription", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  await signUp(page, newCustomer("declined"));
  await page.goto("/subscribe/basic");
  await consentAndRegister(page);
  await openTossApp(page, isDesktop);
  await approveInApp(page, "KB국민카드", "잔액 부족");

  await expect(page.getByRole("heading", { name: "첫 결제에 실패했어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(/카드 잔액이 부족해요/)).toBeVisible();
  await expect(
    page.getByText("결제수단은 등록됐지만 9,900원 결제가 되지 않았어요.", { exact: false }),
  ).toBeVisible();
  await screenshot(page, testInfo, "first-charge-declined");

  // Trying the same card again fails the same way, and says so.
  await page.getByRole("button", { name: "다시 결제 시도" }).click();
  await expect(page.getByRole("alert").filter({ hasText: /잔액이 부족해요/ })).toBeVisible({
    timeout: 20_000,
  });

  // A different card: a new registration for the same plan, then the first charge succeeds.
  await consentAndRegister(page, "다른 결제수단으로 다시 등록");
  await openTossApp(page, isDesktop);
  await approveInApp(page, "신한카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("신한카드", { exact: true })).toBeVisible();

  await page.goto("/account");
  // Newest first: the success, the retry that was declined, the first declined attempt.
  const charges = page.getByRole("list", { name: "결제 내역" }).getByRole("listitem");
  await expect(charges).toHaveCount(3);
  await expect(charges.nth(0)).toContainText("결제 완료");
  await expect(charges.nth(0).getByRole("link", { name: /영수증/ })).toBeVisible();
  await expect(charges.nth(1)).toContainText("첫 결제 · 재시도");
  await expect(charges.nth(1)).toContainText("결제 실패");
  await expect(charges.nth(2)).toContainText("카드 잔액이 부족해요");
  await expect(charges.nth(2).getByRole("link", { name: /영수증/ })).toHaveCount(0);
  await screenshot(page, testInfo, "account-after-declined-then-paid");
});

test("cancelling in the Toss app says what happened and offers a new link", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("cancelled"));
  await page.goto("/subscribe/basic");
  await consentAndRegister(page);
  await openTossApp(page, testInfo.project.name === "desktop");
  await page.getByRole("button", { name: "취소", exact: true }).click();

  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "결제수단을 등록하지 못했어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("토스 앱에서 등록을 취소했어요.")).toBeVisible();
  await screenshot(page, testInfo, "registration-cancelled");

  const cancelledUrl = page.url();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "토스페이로 다시 등록" }).click();
  await expect(page).not.toHaveURL(cancelledUrl);
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(
    page.getByRole("heading", { name: "토스 앱에서 승인을 기다리고 있어요" }),
  ).toBeVisible();
});

test("등록 취소 on the waiting page ends the registration before anything is approved", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("gave-up"));
  await page.goto("/subscribe/basic");
  await consentAndRegister(page);
  await expect(
    page.getByRole("heading", { name: "토스 앱에서 승인을 기다리고 있어요" }),
  ).toBeVisible();
  await page.getByRole("button", { name: "등록 취소" }).click();

  await expect(page.getByRole("heading", { name: "등록을 취소했어요" })).toBeVisible();
  await expect(page.getByText("승인하기 전에 취소해서 결제되지 않았어요.")).toBeVisible();
  await expect(page.getByRole("button", { name: "등록 취소" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "토스페이로 다시 등록" })).toBeVisible();
  await screenshot(page, testInfo, "registration-cancelled-on-waiting-page");
});

test("a charge whose answer is late is shown as being checked, not as failed", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("slow"));
  await page.goto("/subscribe/basic");
  await consentAndRegister(page);
  await openTossApp(page, testInfo.project.name === "desktop");
  // The sandbox charges at once but answers after 30 s, past the client's 15 s timeout.
  await approveInApp(page, "신한카드", "응답 지연 (30초)");
  await expect(page.getByRole("heading", { name: "결제 결과를 확인하고 있어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByRole("heading", { name: /실패/ })).toHaveCount(0);
  await screenshot(page, testInfo, "first-charge-being-checked");
});

test("someone else's registration is a 404", async ({ page, browser }) => {
  await signUp(page, newCustomer("owner"));
  await page.goto("/subscribe/basic");
  await consentAndRegister(page);
  const waitingUrl = page.url();

  const other = await browser.newContext({ baseURL: new URL(waitingUrl).origin });
  const otherPage = await other.newPage();
  await signUp(otherPage, newCustomer("stranger"));
  const response = await otherPage.goto(waitingUrl);
  expect(response?.status()).toBe(404);
  const api = await otherPage.request.get(
    `${waitingUrl.replace("/payment-methods/", "/api/payment-methods/")}/status`,
  );
  expect(api.status()).toBe(404);
  await other.close();
});

test.describe("on an iPhone", () => {
  const iPhone = devices["iPhone 13"];
  test.use({
    userAgent: iPhone.userAgent,
    viewport: iPhone.viewport,
    deviceScaleFactor: iPhone.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });

  test("the waiting page offers the iOS link instead of a QR code", async ({ page }, testInfo) => {
    test.skip(testInfo.project.name !== "phone", "a phone journey");
    await signUp(page, newCustomer("iphone"));
    await page.goto("/subscribe/basic");
    await consentAndRegister(page);
    await expect(page.getByRole("img", { name: "토스 앱 등록 링크 QR 코드" })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "토스 앱에서 등록하기" })).toHaveAttribute(
      "href",
      /platform=ios/,
    );
    await screenshot(page, testInfo, "waiting-for-approval-iphone");
    await page.getByRole("link", { name: "토스 앱에서 등록하기" }).click();
    // The iOS link opens the (emulated) Toss app's approval screen, which names the plan and price.
    await expect(page).toHaveURL(/platform=ios/);
    await expect(page.getByRole("heading", { name: /자동결제를 등록할게요/ })).toBeVisible();
    await expect(page.getByText("베이직 월 9,900원 자동결제")).toBeVisible();
  });
});
