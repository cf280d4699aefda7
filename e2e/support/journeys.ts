import { expect, type Browser, type Page } from "@playwright/test";
import { fillSignIn, signUp } from "./auth";
import { E2E_ADMIN, newCustomer } from "./test-accounts";

// Steps several journeys share. Each drives the real pages: no shortcuts into the database.

/** The page that waits for the Toss app approval: /payment-methods/<uuid>. */
export const WAITING_PAGE = /\/payment-methods\/[0-9a-f-]{36}$/;

/**
 * From a page with the auto-payment consent (checkout, or a failed registration's retry):
 * consent, open the sandbox's Toss app screen through this device's link, pick a method and
 * approve. Ends on the waiting page, which then advances by itself.
 */
export async function linkInTossApp(
  page: Page,
  isDesktop: boolean,
  method: string,
  button = "토스페이로 결제수단 등록",
) {
  const before = page.url();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: button }).click();
  // A new registration has its own waiting page (also when starting from an old one).
  await expect(page).not.toHaveURL(before);
  await expect(page).toHaveURL(WAITING_PAGE);
  await page
    .getByRole("link", { name: isDesktop ? "이 기기에서 열기" : "토스 앱에서 등록하기" })
    .click();
  await page.locator("label.tile", { hasText: method }).click();
  await page.getByRole("button", { name: "동의하고 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
}

/**
 * A new customer who subscribes to 베이직 and pays 9,900원 in the sandbox's Toss app, in a
 * context of their own (the caller's page keeps its session).
 */
export async function subscribedCustomer(browser: Browser, isDesktop: boolean, label: string) {
  const customer = newCustomer(label);
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await context.close();
  return customer;
}

/** Opens an admin page signed out, signs in as the test admin, and lands back on it. */
export async function signInAsAdmin(page: Page, path: string) {
  await page.goto(path);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(new RegExp(`${path.replace(/[?]/g, "\\?")}$`));
}
