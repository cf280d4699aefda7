// Consent and legal documents (issue 12): sign-up asks for 이용약관, 개인정보 수집·이용 (both
// required) and marketing (optional); the checkout's agreement names the amount, the days and the
// method, and the success screen the next payment; a second account with the same card is told
// its trial is not offered and pays only after agreeing; the merchant publishes a new 이용약관
// and a signed-in customer is asked again. Runs after the store's other journeys (its own
// projects in playwright.config.ts): a new terms version asks every signed-in customer again.
import type { Browser, Page, TestInfo } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { signUp, verifyEmail } from "./support/auth";
import { linkInTossApp, signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

// In order: the last journey publishes a new terms version, which would send the customers of
// the others to the consent step mid-journey.
test.describe.configure({ mode: "serial" });

const SEOUL_DATE = /\d{4}년 \d{1,2}월 \d{1,2}일/;

const isDesktop = (testInfo: TestInfo) => testInfo.project.name.endsWith("desktop");
const shot = (page: Page, testInfo: TestInfo, name: string) =>
  screenshot(page, testInfo, `legal-${name}`);

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("sign-up refuses without the required consents, keeps what was typed, then signs up", async ({
  page,
}, testInfo) => {
  const customer = newCustomer("legal-signup");
  await page.goto("/sign-up");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("이메일").fill(customer.email);
  await page.getByLabel("비밀번호").fill(customer.password);
  // Marketing is optional and starts unticked.
  const marketing = page.getByRole("checkbox", { name: /\[선택\]/ });
  await expect(marketing).not.toBeChecked();
  await page.getByRole("checkbox", { name: "[필수] 개인정보 수집·이용에 동의해요" }).check();
  await page.getByRole("button", { name: "가입하기" }).click();

  await expect(page.getByText("이용약관에 동의해 주세요.")).toBeVisible();
  await expect(page.getByLabel("이메일")).toHaveValue(customer.email);
  await expect(page.getByLabel("비밀번호")).toHaveValue(customer.password);
  // What is collected, why and for how long, right at the box.
  await page.getByText("수집 항목·목적·보유 기간 보기").click();
  await expect(page.getByRole("table", { name: "개인정보 수집·이용 내용" })).toBeVisible();
  await shot(page, testInfo, "sign-up-refused");

  // 전체 동의 ticks every box; the customer then leaves marketing out.
  await page.getByRole("checkbox", { name: "전체 동의 (선택 항목 포함)" }).check();
  await expect(page.getByRole("checkbox", { name: "[필수] 이용약관에 동의해요" })).toBeChecked();
  await marketing.uncheck();
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByText("확인 메일을 보냈어요")).toBeVisible();
  await verifyEmail(page, customer);

  // The documents are a footer link away.
  const footer = page.getByRole("contentinfo");
  await footer.getByRole("link", { name: "이용약관" }).click();
  await expect(page).toHaveURL(/\/terms$/);
  await expect(page.getByRole("heading", { level: 1, name: "이용약관" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "제3조 (구독과 자동결제)" })).toBeVisible();
  await shot(page, testInfo, "terms");
  await page.getByRole("contentinfo").getByRole("link", { name: "개인정보처리방침" }).click();
  await expect(page.getByRole("heading", { name: "4. 개인정보 처리 위탁" })).toBeVisible();
  await page.getByRole("contentinfo").getByRole("link", { name: "환불 정책" }).click();
  await expect(page.getByRole("heading", { name: "1. 청약철회 (결제 후 7일 이내)" })).toBeVisible();
  await shot(page, testInfo, "refund-policy");
});

test("the checkout's agreement names the amount, the day and the method; success names the next payment", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("legal-checkout"));
  await page.goto("/subscribe/basic");
  const agreement = page.getByText(/이 오늘 결제되고, 이후/);
  await expect(agreement).toHaveText(
    /^베이직 9,900원\(부가세 포함\)이 오늘 결제되고, 이후 매월 \d{1,2}일(\(\d+일이 없는 달은 말일\))? 같은 금액이 토스페이로 자동결제돼요\. 내 구독에서 언제든 해지할 수 있어요\.$/,
  );
  await expect(page.getByRole("checkbox", { name: "[필수] 자동결제에 동의해요" })).toBeVisible();
  const policies = page.getByRole("navigation", { name: "구독 약관 및 정책" });
  await expect(policies.getByRole("link", { name: "환불 정책" })).toBeVisible();
  await shot(page, testInfo, "checkout-agreement");

  await linkInTossApp(page, isDesktop(testInfo), "KB국민카드");
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    page.getByText(new RegExp(`다음 결제일은 ${SEOUL_DATE.source}이고, 9,900원이 자동결제돼요`)),
  ).toBeVisible();
  await shot(page, testInfo, "checkout-success");
});

test("a second account with the same card is told its trial is not offered and pays only after agreeing", async ({
  browser,
  page,
}, testInfo) => {
  // A card of its own per device: the phone run shares the store with the desktop run.
  const card = isDesktop(testInfo) ? "신한카드" : "삼성카드";

  const first = await newPage(browser);
  await signUp(first, newCustomer("legal-trial-first"));
  await first.goto("/subscribe/pro");
  await expect(first.getByText(/14일 무료 체험이 끝나는/)).toBeVisible();
  await linkInTossApp(first, isDesktop(testInfo), card);
  await expect(first.getByRole("heading", { name: "무료 체험이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await first.context().close();

  await signUp(page, newCustomer("legal-trial-second"));
  await page.goto("/subscribe/pro");
  await linkInTossApp(page, isDesktop(testInfo), card);
  await expect(
    page.getByRole("heading", { name: "이 결제수단으로 이미 무료 체험을 이용하셨어요" }),
  ).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByText("유료로 시작하면 오늘 19,900원이 결제돼요.", { exact: false }),
  ).toBeVisible();
  await expect(page.getByText(/^프로 19,900원\(부가세 포함\)이 오늘 결제되고/)).toBeVisible();
  await shot(page, testInfo, "paid-start-offer");

  // Nothing is charged before the customer agrees: the button asks for the tick first.
  await page.getByRole("button", { name: "유료로 시작하기" }).click();
  await expect(page.getByText("자동결제 동의에 체크해 주세요.")).toBeVisible();
  await page.getByRole("checkbox", { name: "[필수] 자동결제에 동의해요" }).check();
  await page.getByRole("button", { name: "유료로 시작하기" }).click();
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("19,900원 결제를 마쳤어요.")).toBeVisible();
  await expect(
    page.getByText(new RegExp(`다음 결제일은 ${SEOUL_DATE.source}이고, 19,900원이 자동결제돼요`)),
  ).toBeVisible();
  await shot(page, testInfo, "paid-start-done");
});

test("the merchant publishes a new terms version and a signed-in customer is asked again", async ({
  browser,
  page,
}, testInfo) => {
  await signUp(page, newCustomer("legal-reconsent"));
  await page.goto("/account");
  await expect(page.getByRole("heading", { level: 1, name: "내 구독" })).toBeVisible();

  const admin = await newPage(browser);
  await signInAsAdmin(admin, "/admin/settings");
  const terms = admin.locator("details", { hasText: "이용약관" }).first();
  await terms.locator("summary").click();
  const body = terms.getByLabel("이용약관 내용");
  await body.fill(
    `${await body.inputValue()}\n## 부칙\n이 약관은 ${testInfo.project.name} 확인을 위해 바뀌었어요.`,
  );
  await terms.getByRole("button", { name: "이용약관 새 버전 게시" }).click();
  await expect(admin.getByText(/새 버전을 게시했어요 \(버전 \d+\)/)).toBeVisible();
  await shot(admin, testInfo, "admin-published");
  await admin.context().close();

  // The customer's next visit goes through the consent step first.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/consent-update\?callbackUrl=%2Faccount$/);
  await expect(page.getByRole("heading", { level: 1, name: "약관이 바뀌었어요" })).toBeVisible();
  await expect(page.getByText(/동의한 버전 \d+/)).toBeVisible();
  await shot(page, testInfo, "consent-update");
  await page.getByRole("button", { name: "동의하고 계속하기" }).click();
  await expect(page.getByText("이용약관에 동의해 주세요.")).toBeVisible();
  // Only the changed document is asked about again.
  await expect(
    page.getByRole("checkbox", { name: "[필수] 개인정보 수집·이용에 동의해요" }),
  ).toHaveCount(0);
  await page.getByRole("checkbox", { name: "[필수] 이용약관에 동의해요" }).check();
  await page.getByRole("button", { name: "동의하고 계속하기" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { level: 1, name: "내 구독" })).toBeVisible();

  // The new version is current; the one the customer agreed to before stays readable.
  await page.goto("/terms");
  await expect(
    page.getByText(`이 약관은 ${testInfo.project.name} 확인을 위해 바뀌었어요.`),
  ).toBeVisible();
  await page
    .getByRole("region", { name: "지난 버전" })
    .getByRole("link", { name: /^버전 \d+/ })
    .first()
    .click();
  await expect(page).toHaveURL(/\/terms\?version=\d+$/);
  await expect(page.getByText("지난 버전을 보고 있어요")).toBeVisible();
  await shot(page, testInfo, "terms-past-version");
});
