import { expect, type Page } from "@playwright/test";
import { WAITING_PAGE } from "./journeys";

// Steps of the Toss Payments journeys (issue 10) on the store that enabled it next to Toss Pay
// (playwright.config.ts, the multi-provider projects): the checkout's method choice, the
// waiting page, and the in-app sandbox's billing-auth windows.

export const SANDBOX_WINDOW = /\/sandbox\/toss-payments\//;

// The sandbox's test instruments (lib/sandbox/toss-payments/instruments.ts).
export const TEST_CARD = { company: "신한카드", number: "4330123412341234", maskedTail: "1234" };
export const TEST_ACCOUNT = { bank: "신한은행" };

/** The checkout's radio for each Toss Payments method. */
export const METHOD_CHOICE = { card: /^카드/, account: /^계좌 \(퀵계좌이체\)/ } as const;

/** In the sandbox's card window: a test card that charges normally. */
export async function approveCard(page: Page) {
  await expect(
    page.getByRole("heading", { name: "자동결제에 쓸 카드를 등록해 주세요" }),
  ).toBeVisible();
  await page.locator("label.tile", { hasText: TEST_CARD.company }).click();
  await page.getByLabel("카드 번호").fill(TEST_CARD.number);
  await page.getByRole("button", { name: "동의하고 등록" }).click();
}

/** In the sandbox's 퀵계좌이체 window: a test account that pays normally. */
export async function approveAccount(page: Page) {
  await expect(
    page.getByRole("heading", { name: "자동결제에 쓸 계좌를 골라 주세요" }),
  ).toBeVisible();
  await page.locator("label.tile", { hasText: TEST_ACCOUNT.bank }).click();
  await page.getByRole("button", { name: "동의하고 등록" }).click();
}

/** Closes the window without registering: failUrl?code=PAY_PROCESS_CANCELED. */
export async function cancelWindow(page: Page) {
  await page.getByRole("button", { name: "취소", exact: true }).click();
}

/** On the checkout: the method, the agreement, the button; ends on the waiting page. */
export async function chooseAndRegister(page: Page, method: RegExp) {
  await page.getByRole("radio", { name: method }).check();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "결제수단 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(
    page.getByRole("heading", { name: "토스페이먼츠 결제창에서 등록을 마쳐 주세요" }),
  ).toBeVisible();
}

/** From the waiting page into the sandbox's billing-auth window. */
export async function openWindow(page: Page) {
  // The button works once the page's scripts are running.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "토스페이먼츠 결제창 열기" }).click();
  await expect(page).toHaveURL(SANDBOX_WINDOW);
}

/**
 * From a signed-in page: subscribes to `plan` (charged at once) with a test card or the test
 * 퀵계좌이체 account, and ends on the waiting page saying the subscription started.
 */
export async function subscribeWithTossPayments(
  page: Page,
  method: keyof typeof METHOD_CHOICE,
  plan = "basic",
) {
  await page.goto(`/subscribe/${plan}`);
  await chooseAndRegister(page, METHOD_CHOICE[method]);
  await openWindow(page);
  await (method === "card" ? approveCard(page) : approveAccount(page));
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
}

/** The account page's payment method panel. */
export function methodPanel(page: Page) {
  return page.getByRole("region", { name: "결제수단" });
}

/** The account page's billing history. */
export function billingHistory(page: Page) {
  return page.getByRole("region", { name: "결제 내역" });
}
