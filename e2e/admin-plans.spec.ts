// Plans in the merchant admin (issue 5): create a plan (a price below the Toss Pay minimum is
// refused at the field), see it on the pricing page, raise its price through the confirmation
// step that says how many subscribers keep the old price, cut it for new subscribers only, and
// archive it so it leaves the pricing page. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";

test("the admin creates a plan, raises and cuts its price, and archives it", async ({
  page,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const name = `테스트 ${id}`;

  await signInAsAdmin(page, "/admin/plans");
  await expect(page.getByRole("heading", { name: "요금제", level: 1 })).toBeVisible();
  await screenshot(page, testInfo, "admin-plans");
  await page.getByRole("link", { name: "새 요금제" }).click();
  await expect(page).toHaveURL(/\/admin\/plans\/new$/);
  await page.waitForLoadState("networkidle");

  await page.getByLabel("요금제 이름").fill(name);
  await page.getByLabel("주소용 이름 (slug)").fill(`e2e-${id}`);
  await page.getByLabel("설명").fill("e2e로 만든 요금제");
  await page.getByLabel("혜택").fill("첫 번째 혜택\n두 번째 혜택");
  await page.getByLabel("가격 (부가세 포함)").fill("50");
  await page.getByRole("button", { name: "요금제 만들기" }).click();
  await expect(page.getByText("가격은 100원 이상이어야 해요.")).toBeVisible();
  // What was typed stays, and the invalid field has focus.
  await expect(page.getByLabel("요금제 이름")).toHaveValue(name);
  await expect(page.getByLabel("가격 (부가세 포함)")).toBeFocused();

  // Typed digits are grouped as the admin types, with 원 after the field; the unit dropdown
  // shows its word (it used to be squeezed down to its chevron).
  const price = page.getByLabel("가격 (부가세 포함)");
  await price.fill("12900");
  await expect(price).toHaveValue("12,900");
  const unit = page.getByLabel("결제 주기 단위");
  await expect(unit).toHaveValue("month");
  expect((await unit.boundingBox())?.width ?? 0).toBeGreaterThan(80);
  await screenshot(page, testInfo, "admin-plan-new");
  await page.getByLabel("무료 체험 (일)").fill("7");
  await page.getByRole("button", { name: "요금제 만들기" }).click();
  await expect(page).toHaveURL(/\/admin\/plans\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page.getByText("요금제를 만들었어요")).toBeVisible();
  const planUrl = page.url().replace(/\?.*$/, "");

  await page.goto("/pricing");
  await expect(page.getByRole("article", { name })).toContainText("월 12,900원");

  // A rise: the confirmation says who keeps the old price before anything is saved.
  await page.goto(planUrl);
  await page.waitForLoadState("networkidle");
  await page.getByLabel("가격 (부가세 포함)").fill("15900");
  await page.getByRole("button", { name: "저장", exact: true }).click();
  const confirm = page.getByRole("alertdialog", {
    name: "가격을 12,900원에서 15,900원으로 올릴까요?",
  });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText("0명");
  await expect(confirm).toContainText("동의하기 전까지 기존 가격을 유지해요");
  await screenshot(page, testInfo, "admin-plan-price-rise");
  await confirm.getByRole("button", { name: "인상하고 저장" }).click();
  await expect(page.getByText("가격을 15,900원으로 올렸어요")).toBeVisible();
  const history = page.getByRole("region", { name: "가격 기록", exact: true });
  await expect(history.getByRole("row")).toHaveCount(3); // header + 12,900 + 15,900
  await expect(
    history.getByRole("row").nth(1).getByText("15,900원", { exact: true }),
  ).toBeVisible();

  // A cut applies to new subscribers only, and says so.
  await page.getByLabel("가격 (부가세 포함)").fill("14900");
  await page.getByRole("button", { name: "저장", exact: true }).click();
  await expect(page.getByText("새 가격 14,900원은 새로 구독하는 분부터 적용돼요.")).toBeVisible();
  await expect(page.getByLabel("가격 (부가세 포함)")).toHaveValue("14,900");
  await screenshot(page, testInfo, "admin-plan-edit");

  // Archive from the list, behind a confirmation.
  await page.goto("/admin/plans");
  const entry = isDesktop
    ? page.getByRole("region", { name: "요금제 목록" }).getByRole("row").filter({ hasText: name })
    : page
        .getByRole("list", { name: "요금제 목록" })
        .getByRole("listitem")
        .filter({ hasText: name });
  await expect(entry).toContainText("월 14,900원");
  await expect(entry).toContainText("판매 중");
  await entry.getByRole("button", { name: "보관" }).click();
  const dialog = page.getByRole("dialog", { name: `${name} 요금제를 보관할까요?` });
  await expect(dialog).toContainText("지금 구독 중인 0명은 그대로 이용하고");
  await dialog.getByRole("button", { name: "보관하기" }).click();
  await expect(dialog).toBeHidden();
  await expect(entry).toContainText("보관됨");
  // 보관 became 다시 판매: the answer takes the focus the vanished button had.
  await expect(page.locator(":focus")).toContainText("보관했어요");
  await screenshot(page, testInfo, "admin-plans-archived");

  await page.goto("/pricing");
  await expect(page.getByRole("article", { name: "베이직" })).toBeVisible();
  await expect(page.getByRole("article", { name })).toHaveCount(0);
});
