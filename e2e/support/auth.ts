import { expect, type Page } from "@playwright/test";
import { verificationLinkFor } from "./mailbox";

export type Credentials = { email: string; password: string; name?: string };

/**
 * Submits the sign-up form on the current page and waits for the "check your mail" answer
 * (the same for new and taken addresses).
 */
export async function submitSignUp(page: Page, account: Credentials) {
  // Typing before the form hydrates can be lost; wait for the page's scripts.
  await page.waitForLoadState("networkidle");
  await page.getByRole("textbox", { name: "이메일" }).fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  if (account.name) await page.getByLabel("이름 (선택)").fill(account.name);
  // The two required consents; marketing stays unticked (it is optional).
  await page.getByRole("checkbox", { name: "[필수] 이용약관에 동의해요" }).check();
  await page.getByRole("checkbox", { name: "[필수] 개인정보 수집·이용에 동의해요" }).check();
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByText("확인 메일을 보냈어요")).toBeVisible();
  await expect(page.getByText(account.email)).toBeVisible();
}

/**
 * Opens the verification link from the email the customer received, confirms with the
 * password, and waits until the header shows the signed-in state.
 */
export async function verifyEmail(page: Page, account: Credentials) {
  await page.goto(await verificationLinkFor(account.email));
  await expect(page.getByRole("heading", { name: "이메일 확인" })).toBeVisible();
  await page.waitForLoadState("networkidle");
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "이메일 확인하고 로그인" }).click();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
}

/** Signs up through the real form and the emailed link, ending signed in. */
export async function signUp(page: Page, account: Credentials) {
  await page.goto("/sign-up");
  await submitSignUp(page, account);
  await verifyEmail(page, account);
}

/** Fills the sign-in form on the current page (the caller navigates, e.g. via a guard). */
export async function fillSignIn(page: Page, account: Credentials) {
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
}
