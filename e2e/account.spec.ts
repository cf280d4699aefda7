// The customer's page (issue 3 §4): the linked method, the subscription in Korean with its
// dates in Seoul time, billing history with receipts, and the changes a customer makes there —
// change the method, cancel at period end and resume, remove the method. Each journey links a
// method through the in-app Toss Pay sandbox first, as a customer would.
import type { Page } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { signUp } from "./support/auth";
import { linkInTossApp } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

const SEOUL_DATE = /\d{4}년 \d{1,2}월 \d{1,2}일/;

/** The value of a row of the subscription's details ("다음 결제", "해지 예정일", …). */
function detail(page: Page, term: string) {
  return page
    .locator("dl div")
    .filter({ has: page.locator("dt", { hasText: term }) })
    .locator("dd");
}

test("a customer without a subscription sees empty states and a way to the plans", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("empty"));
  await page.goto("/account");
  await expect(page.getByText("구독 중인 요금제가 없어요")).toBeVisible();
  await expect(page.getByText("등록된 결제수단이 없어요")).toBeVisible();
  await expect(page.getByText("결제 내역이 없어요")).toBeVisible();
  await page.getByRole("link", { name: "요금제 보기" }).click();
  await expect(page).toHaveURL(/\/pricing$/);
  await page.goto("/account");
  await screenshot(page, testInfo, "account-empty");
});

test("a subscriber changes the card, cancels at period end, resumes, and removes the card", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  await signUp(page, newCustomer("manage"));
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });

  await page.goto("/account");
  await expect(page.getByText("국민카드", { exact: true })).toBeVisible();
  const nextCharge = detail(page, "다음 결제");
  await expect(nextCharge).toHaveText(new RegExp(`${SEOUL_DATE.source} · 9,900원`));
  const nextChargeDate = SEOUL_DATE.exec((await nextCharge.textContent()) ?? "")?.[0] ?? "";
  await expect(detail(page, "이용 기간")).toContainText(nextChargeDate);

  // Change: the new card replaces the old one once approved; no second charge.
  await page.getByRole("button", { name: "결제수단 변경" }).click();
  const changeDialog = page.getByRole("dialog", { name: "결제수단 변경" });
  await expect(changeDialog).toContainText("새 결제수단이 등록된 뒤에");
  await screenshot(page, testInfo, "account-change-method-dialog");
  await linkInTossApp(page, isDesktop, "신한카드", "토스페이로 새 결제수단 등록");
  await expect(page.getByRole("heading", { name: "결제수단을 바꿨어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("신한카드", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  await expect(page.getByText("신한카드", { exact: true })).toBeVisible();
  await expect(page.getByText("국민카드", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("list", { name: "결제 내역" }).getByRole("listitem")).toHaveCount(1);

  // Cancel at period end: the dialog names the date access ends.
  await page.getByRole("button", { name: "구독 해지" }).click();
  const cancelDialog = page.getByRole("dialog", { name: "베이직 구독을 해지할까요?" });
  await expect(cancelDialog).toContainText(`${nextChargeDate}까지는 지금처럼 이용할 수 있고`);
  await cancelDialog.getByLabel("해지하는 이유 (선택)").selectOption({ label: "자주 쓰지 않아요" });
  await screenshot(page, testInfo, "account-cancel-dialog");
  await cancelDialog.getByRole("button", { name: "해지 예약하기" }).click();
  await expect(page.getByText("해지 예정", { exact: true })).toBeVisible();
  await expect(detail(page, "해지 예정일")).toContainText(nextChargeDate);
  await expect(detail(page, "다음 결제")).toHaveCount(0);
  await screenshot(page, testInfo, "account-cancel-scheduled");

  // Resume: back to renewing.
  await page.getByRole("button", { name: "해지 취소하고 계속 이용하기" }).click();
  await expect(page.getByText("해지 예정", { exact: true })).toHaveCount(0);
  await expect(detail(page, "다음 결제")).toContainText(nextChargeDate);

  // Remove: the dialog says the next charge will fail and the subscription will stop.
  await page.getByRole("button", { name: "결제수단 삭제" }).click();
  const removeDialog = page.getByRole("dialog", { name: "결제수단을 삭제할까요?" });
  await expect(removeDialog).toContainText(`${nextChargeDate} 결제(9,900원)가 실패하고`);
  await expect(removeDialog).toContainText("구독이 멈춰요");
  await screenshot(page, testInfo, "account-remove-dialog");
  await removeDialog.getByRole("button", { name: "삭제하기" }).click();
  await expect(page.getByText("등록된 결제수단이 없어요")).toBeVisible();
  await expect(
    page.getByRole("region", { name: "결제수단" }).getByRole("button", { name: "결제수단 등록" }),
  ).toBeVisible();
  await expect(page.getByText("이용 중", { exact: true })).toBeVisible();
  // The plan card says it too, with what happens and when, and a way to fix it.
  await expect(page.getByText("결제수단 필요", { exact: true })).toBeVisible();
  const warning = page.getByRole("status").filter({ hasText: "결제수단이 필요해요" });
  await expect(warning).toContainText(`${nextChargeDate}에 9,900원을 결제할 결제수단이 없어요`);
  await expect(warning.getByRole("button", { name: "결제수단 등록" })).toBeVisible();
  // The renewal cannot charge without a method, and the page says so instead of a price.
  await expect(detail(page, "다음 결제")).toContainText("결제수단이 없어 결제할 수 없어요");
  await screenshot(page, testInfo, "account-method-removed");
});

test("a trial plan linked with 토스머니 shows the trial end and the first charge to come", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("trial"));
  await page.goto("/subscribe/pro");
  await expect(page.getByText("오늘은 결제되지 않아요.", { exact: false })).toBeVisible();
  await linkInTossApp(page, testInfo.project.name === "desktop", "토스머니");
  await expect(page.getByRole("heading", { name: "무료 체험이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText(new RegExp(`체험은 ${SEOUL_DATE.source}까지예요`))).toBeVisible();
  await screenshot(page, testInfo, "trial-started");

  await page.getByRole("link", { name: "내 구독으로 가기" }).click();
  await expect(page.getByText("무료 체험 중", { exact: true })).toBeVisible();
  const trialEnd = detail(page, "무료 체험");
  await expect(trialEnd).toHaveText(new RegExp(`${SEOUL_DATE.source}까지`));
  const trialEndDate = SEOUL_DATE.exec((await trialEnd.textContent()) ?? "")?.[0] ?? "";
  // A trial turns paid only with the customer's consent (docs/billing.md): without it nothing is
  // charged, and the page says what accepting would charge.
  await expect(detail(page, "무료 체험")).toContainText("체험이 끝나면 결제 없이 구독이 끝나요");
  await expect(detail(page, "유료 전환")).toHaveText(
    `동의하면 ${trialEndDate}에 19,900원이 결제되고 구독이 이어져요`,
  );
  await expect(detail(page, "다음 결제")).toHaveCount(0);
  await expect(page.getByText("토스머니", { exact: true })).toBeVisible();
  await expect(page.getByText("결제 내역이 없어요")).toBeVisible();
  await screenshot(page, testInfo, "account-trialing");
});
