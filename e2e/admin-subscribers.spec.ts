// Subscribers in the merchant admin (issue 5): a customer subscribes through the in-app Toss
// Pay sandbox; the admin finds them by email, opens the detail page (payment method, timeline
// with the provider's raw answer), schedules a cancellation behind a confirmation, withdraws
// it, and moves the next billing date. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { subscribedCustomer, signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";

/** yyyy-MM-dd of the Seoul day `days` from now. */
function seoulDay(days: number): string {
  const local = new Date(Date.now() + days * 86_400_000 + 9 * 3_600_000);
  return local.toISOString().slice(0, 10);
}

test("the admin finds a subscriber, reads the timeline, and cancels with confirmation", async ({
  page,
  browser,
}, testInfo) => {
  // A whole customer journey (sign-up through the emailed link, Toss app approval) before the
  // admin part: more than the default minute on two shared cores.
  test.slow();
  const isDesktop = testInfo.project.name === "desktop";
  const customer = await subscribedCustomer(browser, isDesktop, "admin-subscriber");

  await signInAsAdmin(page, "/admin/subscribers");
  await expect(page.getByRole("heading", { name: "구독자", level: 1 })).toBeVisible();
  await page.getByLabel("이메일 또는 이름").fill(customer.email);
  await page.getByRole("button", { name: "검색" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  const results = isDesktop
    ? page.getByRole("region", { name: "구독자 목록" }).getByRole("row")
    : page.getByRole("list", { name: "구독자 목록" }).getByRole("listitem");
  await expect(results).toHaveCount(isDesktop ? 2 : 1); // (the header row) + the one subscriber
  const row = results.last();
  await expect(row).toContainText(customer.email);
  await expect(row).toContainText("이용 중");
  await expect(row).toContainText("월 9,900원");
  await screenshot(page, testInfo, "admin-subscribers");

  await row.getByRole("link", { name: customer.name }).click();
  await expect(page).toHaveURL(/\/admin\/subscribers\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: customer.name, level: 1 })).toBeVisible();
  const method = page.getByRole("region", { name: "결제수단" });
  await expect(method).toContainText("토스페이");
  await expect(method).toContainText("사용 중");

  // The timeline: the paid first charge with the provider's raw answer behind a disclosure.
  const timeline = page.getByRole("region", { name: "기록", exact: true });
  const charge = timeline.getByRole("listitem").filter({ hasText: "1회차 결제" });
  await expect(charge.getByText("9,900원", { exact: true })).toBeVisible();
  await expect(charge).toContainText("결제 완료");
  await charge.getByText("결제사 응답 원문").click();
  await expect(charge.locator("pre")).toContainText('"code"');
  await expect(timeline).toContainText("결제 완료 · 이용 기간 시작");
  await screenshot(page, testInfo, "admin-subscriber-detail");

  // Cancel at period end, behind a confirmation.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "해지", exact: true }).click();
  const cancel = page.getByRole("dialog", { name: "구독을 해지할까요?" });
  await expect(cancel.getByRole("radio", { name: /이용 기간이 끝나면 해지/ })).toBeChecked();
  await cancel.getByLabel("해지 사유 (선택)").fill("고객 요청 (e2e)");
  await screenshot(page, testInfo, "admin-subscriber-cancel-dialog");
  await cancel.getByRole("button", { name: "해지하기" }).click();
  await expect(cancel).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "해지를 예약했어요" })).toBeVisible();
  // The 해지 button is gone (해지 예약 취소 replaced it): focus lands on the answer, not the page top.
  await expect(page.locator(":focus")).toContainText("해지를 예약했어요");
  await screenshot(page, testInfo, "admin-subscriber-canceled");
  await expect(page.getByRole("heading", { name: customer.name, level: 1 })).toBeVisible();
  await expect(page.getByText("해지 예약", { exact: true }).first()).toBeVisible();
  const cancelEvent = timeline.getByRole("listitem").filter({ hasText: "해지 요청" });
  await expect(cancelEvent).toContainText("관리자");

  // Withdraw it.
  await page.getByRole("button", { name: "해지 예약 취소" }).click();
  const resume = page.getByRole("dialog", { name: "해지 예약을 취소할까요?" });
  await resume.getByRole("button", { name: "해지 예약 취소" }).click();
  await expect(resume).toBeHidden();
  await expect(page.locator(":focus")).toContainText("해지 예약을 취소했어요");
  await expect(timeline.getByRole("listitem").filter({ hasText: "해지 취소" })).toBeVisible();

  // Move the next billing date; a date in the past is refused at the field.
  await page.getByRole("button", { name: "다음 결제일 변경" }).click();
  const move = page.getByRole("dialog", { name: "다음 결제일을 바꿀까요?" });
  await move.getByLabel("새 결제일").fill(seoulDay(-1));
  await move.getByRole("button", { name: "결제일 변경" }).click();
  await expect(move.getByText(/다음 결제일은 오늘 이후 날짜여야 해요/)).toBeVisible();
  const target = seoulDay(40);
  await move.getByLabel("새 결제일").fill(target);
  await move.getByRole("button", { name: "결제일 변경" }).click();
  await expect(move).toBeHidden();
  const [year, month, day] = target.split("-").map(Number);
  await expect(
    page
      .getByRole("region", { name: "구독", exact: true })
      .getByText(`${year}년 ${month}월 ${day}일`)
      .first(),
  ).toBeVisible();
  await expect(
    timeline.getByRole("listitem").filter({ hasText: "다음 결제일 변경" }),
  ).toBeVisible();
  await screenshot(page, testInfo, "admin-subscriber-after-actions");
});
