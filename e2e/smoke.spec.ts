import { expect, test } from "@playwright/test";
import { screenshot } from "./support/screenshots";

test("home page renders", async ({ page }, testInfo) => {
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await screenshot(page, testInfo, "home");
});
