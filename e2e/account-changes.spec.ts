// The customer's changes on /account (issue 4): a plan upgrade charged the prorated difference
// at once and shown in the billing history, a downgrade scheduled for the period end and
// cancelled again, and a consent request under the 전자상거래법 시행령 answered and withdrawn.
// Each journey links a method through the in-app Toss Pay sandbox first, as a customer would;
// a trial plan asks for consent to its paid conversion as soon as the trial starts.
import type { Page, TestInfo } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { linkInTossApp } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

/** 360 px phones: nothing may stick out sideways. */
async function expectNoSidewaysScroll(page: Page, testInfo: TestInfo) {
  if (testInfo.project.name !== "phone") return;
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

/** The value of a row of the subscription panel's details ("다음 결제", "무료 체험"). */
function detail(page: Page, term: string) {
  return page
    .locator("dl div")
    .filter({ has: page.locator("dt", { hasText: term }) })
    .locator("dd");
}

function planRow(page: Page, name: string) {
  return page
    .getByRole("list", { name: "바꿀 수 있는 요금제" })
    .getByRole("listitem")
    .filter({ has: page.getByText(name, { exact: true }) });
}

test("a subscriber upgrades now for the prorated difference, then schedules and cancels a downgrade", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("upgrade"));
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, testInfo.project.name === "desktop", "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });

  await page.goto("/account");
  const changes = page.getByRole("region", { name: "요금제 변경" });
  await expect(changes).toBeVisible();
  await expect(planRow(page, "프로")).toContainText("월 19,900원");
  await expectNoSidewaysScroll(page, testInfo);
  await screenshot(page, testInfo, "account-plan-options");

  // Upgrade: the dialog shows the prorated difference before anything is charged. A month
  // has just started, so it is almost the whole 10,000 won difference.
  await planRow(page, "프로").getByRole("button", { name: "이 요금제로 변경" }).click();
  const dialog = page.getByRole("dialog", { name: "프로 요금제로 바꿀까요?" });
  await expect(dialog).toContainText("베이직 → 프로");
  const quoted = /차액 ([\d,]+)원을/.exec((await dialog.textContent()) ?? "")?.[1] ?? "";
  const quotedAmount = Number(quoted.replaceAll(",", ""));
  expect(quotedAmount).toBeGreaterThan(9_000);
  expect(quotedAmount).toBeLessThanOrEqual(10_000);
  await screenshot(page, testInfo, "account-upgrade-dialog");
  await dialog.getByRole("button", { name: `${quoted}원 결제하고 변경` }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });

  // The new plan, and the charge in the history (rounded down to the won: a few seconds
  // later it can only be the same or a won less).
  await expect(page.getByRole("heading", { name: "프로", exact: true })).toBeVisible();
  const history = page.getByRole("list", { name: "결제 내역" }).getByRole("listitem");
  await expect(history).toHaveCount(2);
  const proration = history.filter({ hasText: "요금제 변경 차액" });
  await expect(proration).toContainText("결제 완료");
  // The amount is its own element ("9,999원"); the entry's whole text runs the time into it.
  const charged = Number(
    ((await proration.getByText(/^[\d,]+원$/).textContent()) ?? "").replace(/[,원]/g, ""),
  );
  expect(charged).toBeLessThanOrEqual(quotedAmount);
  expect(charged).toBeGreaterThanOrEqual(quotedAmount - 1);
  // The receipt notification for the difference is on the page too.
  await expect(
    page.getByRole("list", { name: "알림" }).getByRole("listitem").first(),
  ).toBeVisible();
  await expectNoSidewaysScroll(page, testInfo);
  await screenshot(page, testInfo, "account-upgraded");

  // Downgrade: waits for the period end, nothing charged; the reservation can be cancelled.
  await planRow(page, "베이직").getByRole("button", { name: "이 요금제로 변경" }).click();
  const downgrade = page.getByRole("dialog", { name: "베이직 요금제로 바꿀까요?" });
  await expect(downgrade).toContainText("지금은 결제되지 않아요");
  await downgrade.getByRole("button", { name: "변경 예약하기" }).click();
  await expect(page.getByText("요금제 변경이 예약돼 있어요")).toBeVisible();
  await expect(planRow(page, "베이직")).toContainText("변경 예약됨");
  await expect(history).toHaveCount(2);
  // The next charge is what the renewal will charge: the scheduled plan's price, not 프로's.
  await expect(detail(page, "다음 결제")).toContainText("9,900원 (베이직 요금제)");
  await expect(detail(page, "다음 결제")).not.toContainText("19,900원");
  await screenshot(page, testInfo, "account-downgrade-scheduled");
  await page.getByRole("button", { name: "예약 취소" }).click();
  await expect(page.getByText("요금제 변경이 예약돼 있어요")).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "프로", exact: true })).toBeVisible();
});

test("a trial subscriber answers the consent request for the paid conversion and withdraws it", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("consent"));
  await page.goto("/subscribe/pro");
  await linkInTossApp(page, testInfo.project.name === "desktop", "토스머니");
  await expect(page.getByRole("heading", { name: "무료 체험이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });

  await page.goto("/account");
  const card = page.locator("article[id^='consent-']");
  await expect(card).toHaveCount(1);
  await expect(card.getByRole("heading")).toHaveText("프로 유료 전환에 동의해 주세요");
  await expect(card).toContainText("무료 체험 → 19,900원");
  await expect(card).toContainText("무료 체험이 끝날 때 구독이 종료되고 결제되지 않아요");
  // The same request arrived as a notification.
  await expect(page.getByRole("list", { name: "알림" })).toContainText("동의");
  await expectNoSidewaysScroll(page, testInfo);
  await screenshot(page, testInfo, "account-consent-request");

  // The email's link lands on the card.
  const consentId = ((await card.getAttribute("id")) ?? "").replace("consent-", "");
  expect(consentId).toMatch(/^[0-9a-f-]{36}$/);

  await expect(card.getByRole("button", { name: "체험만 하고 끝낼게요" })).toBeVisible();
  await card.getByRole("button", { name: "유료로 계속 이용하기" }).click();
  const answered = page.getByRole("list", { name: "답한 동의 요청" });
  await expect(answered.locator(`#consent-${consentId}`)).toContainText("동의함");
  await expect(page.locator("article[id^='consent-']")).toHaveCount(0);
  // The subscription panel now shows the charge the conversion will make.
  await expect(detail(page, "유료 전환")).toHaveCount(0);
  await expect(detail(page, "다음 결제")).toContainText("19,900원");
  await screenshot(page, testInfo, "account-consent-accepted");

  await answered.getByRole("button", { name: "동의 철회" }).click();
  const withdraw = page.getByRole("dialog", { name: "동의를 철회할까요?" });
  await withdraw.getByRole("button", { name: "철회하기" }).click();
  // Taken back, not refused: the card says so (issue 13).
  await expect(answered.locator(`#consent-${consentId}`)).toContainText("동의를 철회했어요");
  await expect(answered.locator(`#consent-${consentId}`)).toContainText("철회함");
  await expect(answered.getByRole("button", { name: "다시 동의" })).toBeVisible();
  await expect(answered).toContainText("무료 체험이 끝날 때 구독이 종료되고 결제되지 않아요");
  // …and the subscription itself says the trial ends unpaid, with no next charge.
  await expect(
    page.getByText("체험이 끝나면 결제 없이 구독이 끝나요", { exact: false }),
  ).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: /^다음 결제$/ })).toHaveCount(0);
  await expectNoSidewaysScroll(page, testInfo);
  await screenshot(page, testInfo, "account-consent-withdrawn");
});
