import type { Browser, Locator, Page } from "@playwright/test";
import { expect } from "./csp-guard";
import { dayAfterSeoulDate, runBillingAsOf } from "./billing-run";
import { billingHistory } from "./toss-payments";

// Steps of the journeys over months (the *-lifecycle specs): a second person's page, the
// account page's next charge and history, a billing run as of the next charge date, and the
// admin's 결제 내역 rows of one customer.

/** A page of its own (cookies, session) for a second person in the journey. */
export async function pageOfItsOwn(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The subscription panel's "다음 결제" value, e.g. "2027년 1월 6일 · 9,900원". */
export function nextCharge(page: Page): Locator {
  return page.locator('xpath=//dt[normalize-space()="다음 결제"]/following-sibling::dd[1]');
}

/** The entry of the billing history that describes `what` (e.g. "2회차 자동결제"). */
export function historyEntry(page: Page, what: string): Locator {
  return billingHistory(page).getByRole("listitem").filter({ hasText: what });
}

/** Bills as of the day after the latest next charge date these customers are shown. */
export async function renewAfterNextCharge(baseURL: string, pages: Page[]) {
  const due: Date[] = [];
  for (const page of pages) {
    await page.goto("/account");
    // A bounded wait: without the row (the subscription is not active) this fails in seconds.
    due.push(dayAfterSeoulDate((await nextCharge(page).textContent({ timeout: 15_000 })) ?? ""));
  }
  await runBillingAsOf(baseURL, new Date(Math.max(...due.map((d) => d.getTime()))));
}

/** In the admin's 결제 내역: the rows of one customer, newest first. */
export async function adminChargeRows(admin: Page, email: string, isDesktop: boolean) {
  await admin.goto("/admin/charges");
  await admin.getByLabel("주문번호 · 고객 이메일 · 이름").fill(email);
  await admin.getByRole("button", { name: "검색" }).click();
  await expect(admin).toHaveURL(/[?&]q=/);
  const rows = isDesktop
    ? admin.getByRole("region", { name: "결제 내역" }).getByRole("row").filter({ hasText: email })
    : admin.getByRole("list", { name: "결제 내역" }).getByRole("listitem");
  await expect(rows.first()).toContainText(email);
  return rows;
}
