import { expect, type Page } from "@playwright/test";

export type Credentials = { email: string; password: string; name?: string };

/** Signs up through the real form and waits until the header shows the signed-in state. */
export async function signUp(page: Page, account: Credentials) {
  await page.goto("/sign-up");
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  if (account.name) await page.getByLabel("이름 (선택)").fill(account.name);
  await page.getByRole("button", { name: "가입하기" }).click();
  await expect(page.getByRole("button", { name: "로그아웃" })).toBeVisible();
}

/** Fills the sign-in form on the current page (the caller navigates, e.g. via a guard). */
export async function fillSignIn(page: Page, account: Credentials) {
  await page.getByLabel("이메일").fill(account.email);
  await page.getByLabel("비밀번호").fill(account.password);
  await page.getByRole("button", { name: "로그인", exact: true }).click();
}
