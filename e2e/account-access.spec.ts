// Getting back in and leaving (issue 12): a forgotten password comes back through the emailed
// link (caught by the e2e SMTP sink), which signs every other browser out; a subscriber changes
// their password on /account/security; a subscriber downloads their data and leaves, the sandbox
// shows the billing key removed, and the address can sign up again.
import { readFile } from "node:fs/promises";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./support/csp-guard";
import { fillSignIn, signUp, submitSignUp } from "./support/auth";
import { linkInTossApp, signInAsAdmin } from "./support/journeys";
import { verificationLinkFor, waitForMail } from "./support/mailbox";
import { screenshot } from "./support/screenshots";
import { newCustomer } from "./support/test-accounts";

// "새 비밀번호" and not "새 비밀번호 확인" (a required field's label ends with a hidden "*").
const NEW_PASSWORD = /^새 비밀번호\s*\*?$/;

async function resetLinkFor(email: string): Promise<string> {
  const mail = await waitForMail(email, "비밀번호 재설정 링크");
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no reset link in: ${mail.text}`);
  // The mail names the app's public URL; open it on this run's server.
  const url = new URL(link);
  return `${url.pathname}${url.search}`;
}

async function expectSignedOut(page: Page) {
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
}

test("a forgotten password comes back through the emailed link, and other sessions end", async ({
  page,
  browser,
}, testInfo) => {
  const customer = newCustomer("reset");
  await signUp(page, customer);
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "내 구독" })).toBeVisible();

  // Another browser, signed out, asks for a link from the sign-in page.
  const other = await browser.newContext();
  const lost = await other.newPage();
  await lost.goto("/sign-in");
  await lost.getByRole("link", { name: "비밀번호를 잊으셨나요?" }).click();
  await expect(lost.getByRole("heading", { name: "비밀번호 재설정" })).toBeVisible();
  await lost.waitForLoadState("networkidle");
  await lost.getByLabel("이메일").fill(customer.email);
  await lost.getByRole("button", { name: "재설정 링크 받기" }).click();
  await expect(lost.getByText("메일을 확인해 주세요")).toBeVisible();
  await screenshot(lost, testInfo, "forgot-password-sent");

  // An address without an account gets the very same answer.
  const stranger = await other.newPage();
  await stranger.goto("/forgot-password");
  await stranger.waitForLoadState("networkidle");
  await stranger.getByLabel("이메일").fill(`nobody-${customer.email}`);
  await stranger.getByRole("button", { name: "재설정 링크 받기" }).click();
  await expect(stranger.getByText("메일을 확인해 주세요")).toBeVisible();
  await expect(stranger.getByText("주소로 가입된 계정이 있다면")).toBeVisible();

  const link = await resetLinkFor(customer.email);
  await lost.goto(link);
  await expect(lost.getByRole("heading", { name: "새 비밀번호 정하기" })).toBeVisible();
  await lost.waitForLoadState("networkidle");
  const newPassword = `${customer.password}-new`;
  // A mismatch is refused and keeps what was typed.
  await lost.getByLabel(NEW_PASSWORD).fill(newPassword);
  await lost.getByLabel("새 비밀번호 확인").fill("something-else-1");
  await lost.getByRole("button", { name: "비밀번호 바꾸기" }).click();
  await expect(lost.getByText("두 비밀번호가 서로 달라요")).toBeVisible();
  await expect(lost.getByLabel(NEW_PASSWORD)).toHaveValue(newPassword);
  await screenshot(lost, testInfo, "reset-password-mismatch");
  await lost.getByLabel("새 비밀번호 확인").fill(newPassword);
  await lost.getByRole("button", { name: "비밀번호 바꾸기" }).click();
  await expect(lost).toHaveURL(/\/account\/security\?reset=1$/);
  await expect(lost.getByText("로그인된 다른 기기에서는 모두 로그아웃됐어요")).toBeVisible();
  await screenshot(lost, testInfo, "account-security-after-reset");

  // The first browser's session ended with the reset.
  await expectSignedOut(page);

  // The link worked once.
  await lost.goto(link);
  await expect(lost.getByText("쓸 수 없는 링크예요")).toBeVisible();

  // The old password no longer works; the new one does.
  await fillSignIn(page, customer);
  await expect(page.getByText("이메일 또는 비밀번호가 올바르지 않아요")).toBeVisible();
  await fillSignIn(page, { ...customer, password: newPassword });
  await expect(page).toHaveURL(/\/account$/);
  await other.close();
});

test("a customer changes their password on /account/security and other sessions end", async ({
  page,
  browser,
}, testInfo) => {
  const customer = newCustomer("change");
  await signUp(page, customer);
  const second = await browser.newContext();
  const elsewhere = await second.newPage();
  await elsewhere.goto("/sign-in");
  await elsewhere.waitForLoadState("networkidle");
  await fillSignIn(elsewhere, customer);
  await expect(elsewhere.getByRole("button", { name: "로그아웃" })).toBeVisible();

  await page.goto("/account");
  await page.getByRole("link", { name: "계정 관리" }).click();
  await expect(page.getByRole("heading", { name: "계정 관리" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  const newPassword = `${customer.password}-2`;
  const section = page.getByRole("region", { name: "비밀번호", exact: true });
  await section.getByLabel("현재 비밀번호").fill("not-my-password");
  await section.getByLabel(NEW_PASSWORD).fill(newPassword);
  await section.getByLabel("새 비밀번호 확인").fill(newPassword);
  await section.getByRole("button", { name: "비밀번호 바꾸기" }).click();
  await expect(section.getByText("현재 비밀번호가 올바르지 않아요").first()).toBeVisible();
  // What was typed stays, so only the wrong field needs retyping.
  await expect(section.getByLabel(NEW_PASSWORD)).toHaveValue(newPassword);
  await screenshot(page, testInfo, "account-security-wrong-password");

  await section.getByLabel("현재 비밀번호").fill(customer.password);
  await section.getByRole("button", { name: "비밀번호 바꾸기" }).click();
  await expect(page).toHaveURL(/\/account\/security\?changed=password$/);
  await expect(page.getByText("비밀번호를 바꿨어요")).toBeVisible();

  // This browser stays signed in; the other one is out.
  await page.goto("/account");
  await expect(page.getByRole("heading", { name: "내 구독" })).toBeVisible();
  await expectSignedOut(elsewhere);
  await second.close();
});

test("a customer changes their sign-in email through a link sent to the new address", async ({
  page,
}, testInfo) => {
  const customer = newCustomer("email");
  const newEmail = newCustomer("moved").email;
  await signUp(page, customer);
  await page.goto("/account/security");
  await page.waitForLoadState("networkidle");
  const section = page.getByRole("region", { name: "로그인 이메일" });
  await section.getByLabel("새 이메일").fill(newEmail);
  await section.getByLabel("현재 비밀번호").fill(customer.password);
  await section.getByRole("button", { name: "확인 메일 보내기" }).click();
  await expect(section.getByText(`${newEmail} 주소로 확인 메일을 보냈어요`)).toBeVisible();
  // Until the new address is confirmed, the old one stays.
  await expect(section.getByText(customer.email)).toBeVisible();
  await screenshot(page, testInfo, "account-security-email-sent");
  await waitForMail(customer.email, "로그인 이메일 변경 요청이 있었어요");

  const mail = await waitForMail(newEmail, "새 이메일 주소를 확인해 주세요");
  const link = /https?:\/\/\S+\/confirm-email-change\?token=[A-Za-z0-9_-]+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no confirmation link in: ${mail.text}`);
  const url = new URL(link);
  await page.goto(`${url.pathname}${url.search}`);
  await expect(page.getByText(newEmail)).toBeVisible();
  await screenshot(page, testInfo, "confirm-email-change");
  await page.getByRole("button", { name: "이 주소로 바꾸기" }).click();
  await expect(page.getByText("로그인 이메일이 바뀌었어요").first()).toBeVisible();
  await waitForMail(customer.email, "로그인 이메일이 바뀌었어요");

  await page.goto("/account/security");
  await expect(page.getByRole("region", { name: "로그인 이메일" })).toContainText(newEmail);
});

/**
 * The provider's side, read through the sandbox's admin tools: the status of the key registered
 * for `methodId`, and how much of the charge `orderNo` was refunded.
 */
async function sandboxSide(browser: Browser, methodId: string, orderNo: string) {
  const context = await browser.newContext();
  const admin = await context.newPage();
  await signInAsAdmin(admin, "/admin");
  const keysAnswer = await admin.request.get("/sandbox/toss-pay/_sandbox/keys?format=json");
  expect(keysAnswer.ok()).toBe(true);
  const { keys } = (await keysAnswer.json()) as { keys: { userId: string; status: string }[] };
  // The registration's customer id ends with the method row's id (registrationCustomerId).
  const suffix = `_${methodId.replaceAll("-", "").slice(0, 12)}`;
  const key = keys.find((k) => k.userId.endsWith(suffix));
  const ledgerAnswer = await admin.request.get(
    `/sandbox/toss-pay/_sandbox/ledger?format=json&orderNo=${encodeURIComponent(orderNo)}`,
  );
  expect(ledgerAnswer.ok()).toBe(true);
  const ledger = (await ledgerAnswer.json()) as { charges: { refundedAmount: number }[] };
  await context.close();
  return { keyStatus: key?.status, refundedAmount: ledger.charges[0]?.refundedAmount };
}

test("a subscriber downloads their data and leaves; the key is removed and the address is free", async ({
  page,
  browser,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  const customer = newCustomer("leave");
  await signUp(page, customer);
  await page.goto("/subscribe/basic");
  await linkInTossApp(page, isDesktop, "KB국민카드");
  const methodId = /\/payment-methods\/([0-9a-f-]{36})$/.exec(page.url())?.[1] ?? "";
  await expect(page.getByRole("heading", { name: "구독이 시작됐어요" })).toBeVisible({
    timeout: 20_000,
  });
  await page.goto("/account/security");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "내 정보 내려받기" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(await readFile((await download.path()) ?? "", "utf8")) as {
    profile: { email: string };
    subscriptions: unknown[];
    paymentMethods: { id: string }[];
    charges: { amount: number; status: string; orderId: string }[];
  };
  expect(exported.profile.email).toBe(customer.email);
  expect(exported.subscriptions).toHaveLength(1);
  expect(exported.paymentMethods.map((m) => m.id)).toEqual([methodId]);
  expect(exported.charges).toEqual([
    expect.objectContaining({ amount: 9_900, status: "succeeded" }),
  ]);
  await screenshot(page, testInfo, "account-security");
  const orderNo = exported.charges[0]?.orderId ?? "";
  expect(await sandboxSide(browser, methodId, orderNo)).toEqual({
    keyStatus: "ACTIVE",
    refundedAmount: 0,
  });

  await page.getByRole("link", { name: "회원탈퇴 안내 보기" }).click();
  await expect(page.getByRole("heading", { name: "회원탈퇴", exact: true })).toBeVisible();
  await expect(page.getByText("베이직 구독이 지금 바로 해지돼요", { exact: false })).toBeVisible();
  await expect(page.getByText("5년 동안 보관해요", { exact: false })).toBeVisible();
  // Within the 청약철회 window: leaving offers the full refund, ticked.
  await expect(
    page.getByRole("checkbox", { name: /청약철회로 9,900원 모두 환불받기/ }),
  ).toBeChecked();
  await screenshot(page, testInfo, "account-leave");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("비밀번호").fill("not-my-password");
  await page.getByRole("button", { name: "탈퇴하기" }).click();
  await expect(page.getByText("비밀번호가 올바르지 않아요").first()).toBeVisible();
  await page.getByLabel("비밀번호").fill(customer.password);
  await page.getByRole("button", { name: "탈퇴하기" }).click();
  await expect(page.getByRole("heading", { name: "탈퇴가 끝났어요" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByText("9,900원 환불을 요청했어요")).toBeVisible();
  await screenshot(page, testInfo, "leave-complete");
  await expectSignedOut(page);

  // The provider no longer holds a usable key, and refunded the charge in full.
  expect(await sandboxSide(browser, methodId, orderNo)).toEqual({
    keyStatus: "REMOVE",
    refundedAmount: 9_900,
  });

  // The old password opens nothing; the address signs up as a new customer.
  await fillSignIn(page, customer);
  await expect(page.getByText("이메일 또는 비밀번호가 올바르지 않아요")).toBeVisible();
  const again = { ...customer, password: `${customer.password}-again` };
  const firstLink = await verificationLinkFor(customer.email);
  await page.goto("/sign-up");
  await submitSignUp(page, again);
  // The new account's link, not the one the first sign-up already used.
  let secondLink = firstLink;
  await expect
    .poll(async () => (secondLink = await verificationLinkFor(customer.email)))
    .not.toBe(firstLink);
  await page.goto(secondLink);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("비밀번호").fill(again.password);
  await page.getByRole("button", { name: "이메일 확인하고 로그인" }).click();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
  await page.goto("/account");
  await expect(page.getByText("구독 중인 요금제가 없어요")).toBeVisible();
});
