import { expect, type Page } from "@playwright/test";
import { WAITING_PAGE } from "./journeys";

// Steps of the PortOne journeys (issue 11) on the store that enabled every provider
// (playwright.config.ts, the multi-provider projects): the checkout's choice, the waiting page,
// and the in-app sandbox's issuance window (the emulated Toss app approval). Desktop opens it
// as a popup whose answer comes back to the page; phones are redirected to it and back.

export const PORTONE_CHOICE = /^토스페이 \(PortOne\)/;
export const PORTONE_LABEL = "토스페이 (PortOne)";
export const ISSUANCE_WINDOW = /\/sandbox\/portone\/issuance[/?]/;

// The sandbox's test instruments (lib/sandbox/portone/README.md "Test instruments").
export const TEST_CARD = { company: "신한카드", tail: "신용" };
export const OTHER_CARD = { id: "card:kb-check", company: "KB국민카드" };

/** On the checkout: PortOne's choice, the agreement, the button; ends on the waiting page. */
export async function choosePortOne(page: Page) {
  await page.getByRole("radio", { name: PORTONE_CHOICE }).check();
  await page.getByRole("checkbox", { name: /자동결제에 동의해요/ }).check();
  await page.getByRole("button", { name: "결제수단 등록" }).click();
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(
    page.getByRole("heading", { name: `${PORTONE_LABEL} 결제창에서 등록을 마쳐 주세요` }),
  ).toBeVisible();
}

/**
 * Opens the issuance window from the waiting page: the popup on a desktop, this page itself on
 * a phone (the redirect flow). Returns the page that shows the window.
 */
export async function openIssuanceWindow(page: Page, isDesktop: boolean): Promise<Page> {
  // The button works once the page's scripts are running.
  await page.waitForLoadState("networkidle");
  const open = page.getByRole("button", { name: `${PORTONE_LABEL} 결제창 열기` });
  if (!isDesktop) {
    await open.click();
    await expect(page).toHaveURL(ISSUANCE_WINDOW);
    return page;
  }
  const popup = page.waitForEvent("popup");
  await open.click();
  const window = await popup;
  await expect(window).toHaveURL(ISSUANCE_WINDOW);
  return window;
}

/** In the issuance window: a test instrument (by its visible name), then 동의하고 등록. */
export async function approveIn(window: Page, instrument = TEST_CARD.company) {
  await expect(window.getByRole("heading", { name: /자동결제를 등록할게요/ })).toBeVisible();
  await window.locator("label.tile", { hasText: instrument }).first().click();
  await window.getByRole("button", { name: "동의하고 등록" }).click();
}

/**
 * From a signed-in page: subscribes to `plan` (charged at once) through PortOne with the test
 * card, and ends on the waiting page saying the subscription started.
 */
export async function subscribeWithPortOne(page: Page, isDesktop: boolean, plan = "basic") {
  await page.goto(`/subscribe/${plan}`);
  await choosePortOne(page);
  await approveIn(await openIssuanceWindow(page, isDesktop));
  await expect(page).toHaveURL(WAITING_PAGE);
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
}

/** The sandbox's keys and payments, as its developer tools list them (an admin's request). */
export async function sandboxOverview(admin: Page) {
  const response = await admin.request.get("/sandbox/portone/_sandbox?format=json");
  expect(response.status()).toBe(200);
  return (await response.json()) as {
    billingKeys: { billingKey: string; customerId: string; deletedAt: string | null }[];
    payments: { paymentId: string; billingKey: string; status: string }[];
  };
}
