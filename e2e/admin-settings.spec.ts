// Settings in the merchant admin (issue 5): the configuration panel says which keys are set
// (never their values), a retry schedule that is not ascending is refused at the field, a valid
// policy is saved, and the business details reach the storefront footer. Runs on desktop and a
// 360px phone.
import { expect, test } from "./support/csp-guard";
import { signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";

test("the admin sees which keys are configured and saves the billing policy and business details", async ({
  page,
}, testInfo) => {
  await signInAsAdmin(page, "/admin/settings");
  await expect(page.getByRole("heading", { name: "설정", level: 1 })).toBeVisible();

  // scripts/e2e-server.ts sets CRON_SECRET but no Toss Pay key: sandbox mode.
  const status = page.getByRole("region", { name: "결제 연동 상태" });
  await expect(status).toContainText("샌드박스 (테스트)");
  await expect(status.getByRole("listitem").filter({ hasText: "CRON_SECRET" })).toContainText(
    "설정됨",
  );
  await expect(status.getByRole("listitem").filter({ hasText: "TOSS_PAY_API_KEY" })).toContainText(
    "설정 안 됨",
  );
  await screenshot(page, testInfo, "admin-settings");

  await page.waitForLoadState("networkidle");
  const policy = page.getByRole("region", { name: "결제 실패와 해지 정책" });
  const retryDays = policy.getByLabel("결제 실패 후 재시도 (일)");
  await retryDays.fill("3, 1");
  await policy.getByRole("button", { name: "결제 정책 저장" }).click();
  await expect(
    policy.getByText("재시도 일은 작은 수부터 차례로, 같은 날 없이 입력해 주세요. 예: 1, 3, 5, 7"),
  ).toBeVisible();
  await expect(retryDays).toBeFocused();
  await screenshot(page, testInfo, "admin-settings-invalid");

  // The defaults, written back (other journeys share this server).
  await retryDays.fill("1,3,5,7");
  await policy.getByRole("button", { name: "결제 정책 저장" }).click();
  await expect(policy.getByText("저장했어요. 다음 정기결제 실행부터 적용돼요.")).toBeVisible();
  await expect(retryDays).toHaveValue("1, 3, 5, 7");

  // Cash receipts: saved, shown again after a reload, then written back to the default.
  const cashReceipt = page.getByRole("region", { name: "현금영수증" });
  await cashReceipt.getByLabel("자동으로 발급해요").check();
  await cashReceipt.getByLabel("문화비").check();
  await cashReceipt.getByRole("button", { name: "현금영수증 설정 저장" }).click();
  await expect(cashReceipt.getByText("저장했어요. 다음 결제부터 적용돼요.")).toBeVisible();
  // Focus lands on the answer, not at the top of the page, and the skip link stays hidden.
  await expect(cashReceipt.getByRole("status").locator("..")).toBeFocused();
  const skipLink = page.getByRole("link", { name: "본문으로 건너뛰기" });
  // Hidden the sr-only way (clipped to nothing) until the keyboard reaches it.
  const hidden = "rect(0px, 0px, 0px, 0px)";
  await expect(skipLink).toHaveCSS("clip", hidden);
  await page.reload();
  await expect(cashReceipt.getByLabel("자동으로 발급해요")).toBeChecked();
  await expect(cashReceipt.getByLabel("문화비")).toBeChecked();
  await expect(skipLink).toHaveCSS("clip", hidden);
  await screenshot(page, testInfo, "admin-settings-cash-receipt");
  // It is there for the keyboard: the first Tab shows it.
  await page.keyboard.press("Tab");
  await expect(skipLink).toBeFocused();
  await expect(skipLink).toHaveCSS("position", "fixed");
  await expect(skipLink).not.toHaveCSS("clip", hidden);
  await page.mouse.click(1, 300);
  await cashReceipt.getByLabel("발급하지 않아요 (기본)").check();
  await cashReceipt.getByLabel("일반").check();
  await cashReceipt.getByRole("button", { name: "현금영수증 설정 저장" }).click();
  await expect(cashReceipt.getByText("저장했어요. 다음 결제부터 적용돼요.")).toBeVisible();

  const business = page.getByRole("region", { name: "사업자 정보" });
  await business.getByLabel("사업자등록번호").fill("123-45");
  await business.getByRole("button", { name: "사업자 정보 저장" }).click();
  await expect(
    business.getByText("사업자등록번호는 숫자 10자리로 입력해 주세요. 예: 123-45-67890"),
  ).toBeVisible();
  await business.getByLabel("사업자등록번호").fill("1234567890");
  await business.getByLabel("고객센터 전화").fill("1588-0000");
  await business.getByRole("button", { name: "사업자 정보 저장" }).click();
  await expect(business.getByText(/저장했어요/)).toBeVisible();
  await expect(business.getByLabel("사업자등록번호")).toHaveValue("123-45-67890");

  await page.goto("/");
  await expect(page.getByRole("contentinfo")).toContainText("123-45-67890");
});
