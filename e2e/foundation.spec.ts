// Foundation journeys (issue 2): a customer signs up and sees the plans priced in won; the
// admin reaches the admin area; a customer is refused it. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { fillSignIn, signUp, submitSignUp, verifyEmail } from "./support/auth";
import { waitForMail } from "./support/mailbox";
import { screenshot } from "./support/screenshots";
import { E2E_ADMIN, newCustomer } from "./support/test-accounts";

test("the storefront shows the sample plans and sends the baseline security headers", async ({
  page,
}, testInfo) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  const headers = response?.headers() ?? {};
  expect(headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBeTruthy();
  expect(headers["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
  // The plans come from the seeded database, not from the hero illustration.
  await expect(page.getByRole("article", { name: "베이직" })).toContainText("월 9,900원");
  await expect(page.getByRole("article", { name: "프로 연간" })).toContainText("연 199,000원");
  // The e2e server is a production build on the sandbox (ALLOW_SANDBOX_IN_PRODUCTION=true):
  // every visitor is told that nothing is really charged.
  const notice = page.getByRole("region", { name: "테스트 모드 안내" });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText("테스트 모드 — 실제로 결제되지 않아요.");
  // The seeded store has no business details: the footer leaves them out, never a placeholder.
  const footer = page.getByRole("contentinfo");
  await expect(footer).toContainText("등록한 결제수단으로 자동결제");
  await expect(footer).not.toContainText("등록 필요");
  await expect(footer).not.toContainText("대표자");
  await screenshot(page, testInfo, "home");
});

test("the checkout page carries the test-mode notice in the sandbox", async ({
  page,
}, testInfo) => {
  await signUp(page, newCustomer("checkout-notice"));
  await page.goto("/subscribe/basic");
  await expect(page.getByRole("heading", { name: "베이직 구독", level: 1 })).toBeVisible();
  await expect(page.getByRole("region", { name: "테스트 모드 안내" })).toBeVisible();
  // A demo store takes checkouts without business details; a live one would not.
  await expect(page.getByRole("button", { name: "토스페이로 결제수단 등록" })).toBeVisible();
  await screenshot(page, testInfo, "checkout");
});

test("a new customer signs up, sees pricing in won, and signs out", async ({ page }, testInfo) => {
  const customer = newCustomer();
  await page.goto("/sign-up");
  await screenshot(page, testInfo, "sign-up");
  await signUp(page, customer);

  await page
    .getByRole("navigation", { name: "주요 메뉴" })
    .getByRole("link", { name: "요금제" })
    .click();
  await expect(page).toHaveURL(/\/pricing$/);
  const basic = page.getByRole("article", { name: "베이직" });
  await expect(basic).toContainText("월 9,900원");
  await expect(basic).toContainText("매월 자동결제");
  await expect(page.getByRole("article", { name: "프로", exact: true })).toContainText(
    "월 19,900원",
  );
  await expect(page.getByRole("article", { name: "프로 연간" })).toContainText("연 199,000원");
  await screenshot(page, testInfo, "pricing-signed-in");

  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("link", { name: "로그인" })).toBeVisible();
  // Signed out for real: the account page sends us to sign in.
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);
});

test("the admin signs in from the admin guard and reaches the dashboard", async ({
  page,
}, testInfo) => {
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin/);
  await screenshot(page, testInfo, "sign-in");

  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole("heading", { name: "대시보드" })).toBeVisible();
  // This browser is now one the admin signs in from (the sign-in throttle's soft lock).
  const device = (await page.context().cookies()).find((c) => c.name === "device");
  expect(device?.httpOnly).toBe(true);
  await expect(page.getByText("판매 중인 요금제")).toBeVisible();
  await screenshot(page, testInfo, "admin-dashboard");
});

test("sign-up answers the same for a taken email, and only the owner hears about it", async ({
  page,
}) => {
  await page.goto("/sign-up");
  await submitSignUp(page, { email: E2E_ADMIN.email, password: "someone-elses-password" });
  await expect(page.getByText("이미 가입된")).toHaveCount(0);
  const mail = await waitForMail(E2E_ADMIN.email, "이미 가입된 이메일로 가입 시도가 있었어요");
  expect(mail.text).toContain("새 계정은 만들지 않았어요");
  // The admin's password still works.
  await page.goto("/admin");
  await fillSignIn(page, E2E_ADMIN);
  await expect(page).toHaveURL(/\/admin$/);
});

test("a new account signs in only after its email is verified", async ({ page }) => {
  const customer = newCustomer("verify");
  await page.goto("/sign-up");
  await submitSignUp(page, customer);

  await page.goto("/sign-in");
  await fillSignIn(page, customer);
  await expect(page.getByText("이메일 또는 비밀번호가 올바르지 않아요.")).toBeVisible();
  await expect(page.getByRole("button", { name: "로그아웃" })).toHaveCount(0);

  await verifyEmail(page, customer);
  // The link works once.
  await page.getByRole("button", { name: "로그아웃" }).click();
  await expect(page.getByRole("link", { name: "로그인" })).toBeVisible();
  await page.goBack();
  await page.reload();
  await expect(page.getByText("쓸 수 없는 링크예요")).toBeVisible();
});

test("a wrong password is refused with a message, not an error page", async ({ page }) => {
  await page.goto("/sign-in");
  await fillSignIn(page, { email: E2E_ADMIN.email, password: "not-the-password" });
  await expect(page.getByRole("alert").first()).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("button", { name: "로그아웃" })).toHaveCount(0);
});

test("a customer is refused the admin area with a 403 page", async ({ page }, testInfo) => {
  await signUp(page, newCustomer());
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "접근 권한이 없어요" })).toBeVisible();
  await expect(page.getByText("대시보드")).toHaveCount(0);
  await screenshot(page, testInfo, "admin-forbidden");
});
