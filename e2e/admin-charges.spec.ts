// The merchant refunds a customer's charge from the admin (issue 5): a customer subscribes
// through the in-app Toss Pay sandbox (a real charge), then the admin finds it in 결제 내역,
// refunds part of it — an amount above what remains is refused with both amounts — sees the
// remaining refundable amount, the refund in 환불 내역 and the audit log, and exports the
// filtered list as CSV. Runs on desktop and a 360px phone.
import { expect, test } from "./support/csp-guard";
import { subscribedCustomer, signInAsAdmin } from "./support/journeys";
import { screenshot } from "./support/screenshots";
import { E2E_ADMIN } from "./support/test-accounts";

test("the admin refunds part of a charge, is stopped from over-refunding, and exports the list", async ({
  page,
  browser,
}, testInfo) => {
  const isDesktop = testInfo.project.name === "desktop";
  const customer = await subscribedCustomer(browser, isDesktop, "admin-refund");

  await signInAsAdmin(page, "/admin/charges");
  await expect(page.getByRole("heading", { name: "결제 내역", level: 1 })).toBeVisible();
  // Find the customer's charge with the search box (a GET form: the filter lands in the URL).
  await page.getByLabel("주문번호 · 고객 이메일 · 이름").fill(customer.email);
  await page.getByRole("button", { name: "검색" }).click();
  await expect(page).toHaveURL(/[?&]q=/);
  // A table on desktop, one card per charge on phones.
  const rows = isDesktop
    ? page.getByRole("region", { name: "결제 내역" }).getByRole("row")
    : page.getByRole("list", { name: "결제 내역" }).getByRole("listitem");
  await expect(rows).toHaveCount(isDesktop ? 2 : 1); // (the header row) + the one charge
  const row = rows.last();
  await expect(row).toContainText(customer.email);
  // (The row also holds its closed refund dialog, which repeats the amount.)
  await expect(row.getByText("9,900원", { exact: true }).first()).toBeVisible();
  await expect(row).toContainText("결제 완료");
  // The e2e server runs on the sandbox: the charge is marked as a test, not revenue (issue 8).
  // (The badge reads 테스트; its screen-reader text says why. The customer is 김테스트.)
  await expect(row).toContainText("테스트 결제: 실제로 결제되지 않았고 매출에 포함되지 않아요");
  await expect(page.getByText(/테스트 결제 [\d,]+원 \(매출에서 빠져요\)/)).toBeVisible();
  await expect(row.getByRole("link", { name: /영수증/ })).toHaveAttribute("href", /sales-check/);
  await screenshot(page, testInfo, "admin-charges");

  await row.getByRole("button", { name: /^환불/ }).click();
  const dialog = page.getByRole("dialog", { name: "결제 환불" });
  await expect(dialog).toBeVisible();
  const amount = dialog.getByLabel("환불 금액 (원)");
  await expect(amount).toHaveValue("9900"); // everything that remains, by default
  await amount.fill("10,000");
  await dialog.getByRole("button", { name: "10,000원 환불하기" }).click();
  await expect(dialog.getByRole("alert")).toContainText(
    "환불 가능 금액(9,900원)보다 큰 금액(10,000원)은 환불할 수 없어요.",
  );
  // The same input would be refused again: the button waits for a change and says so.
  await expect(dialog.getByRole("alert")).toContainText(
    "금액이나 사유를 고치면 다시 환불할 수 있어요.",
  );
  await expect(dialog.getByRole("button", { name: "10,000원 환불하기" })).toBeDisabled();
  // Nothing was refunded yet: no "이미 환불 0원" line.
  await expect(dialog.getByText("이미 환불")).toHaveCount(0);
  await screenshot(page, testInfo, "admin-refund-over");

  await amount.fill("3000");
  await dialog.getByLabel("환불 사유").fill("일부 기간 미사용");
  await dialog.getByRole("button", { name: "3,000원 환불하기" }).click();
  await expect(dialog.getByRole("status")).toContainText(
    "3,000원 환불을 마쳤어요. 남은 환불 가능 금액은 6,900원이에요.",
  );
  await screenshot(page, testInfo, "admin-refund-done");
  await dialog.getByRole("button", { name: "닫기" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("부분 환불");
  await expect(row).toContainText("환불 3,000원");

  // The CSV of the same filter: BOM, Korean header, this charge with its refund.
  const exportLink = page.getByRole("link", { name: "CSV 내보내기" });
  await expect(exportLink).toHaveAttribute("href", /\/api\/admin\/charges\/export\?.*q=/);
  const csv = await page.request.get((await exportLink.getAttribute("href")) ?? "");
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.subarray(3).toString("utf8").split("\r\n");
  expect(lines[0]).toMatch(/^결제 시도 일시,승인 일시,주문번호,상태,/);
  expect(lines).toHaveLength(3); // header, one row, and the final CRLF
  expect(lines[1]).toContain(customer.email);
  expect(lines[1]).toContain(",부분 환불,");
  expect(lines[1]).toContain(",9900,0,3000,6900,");

  // 환불 내역 shows the refund, who asked for it and what remains.
  await page.goto(`/admin/refunds?q=${encodeURIComponent(customer.email)}`);
  const refundRow = isDesktop
    ? page.getByRole("region", { name: "환불 내역" }).getByRole("row").nth(1)
    : page.getByRole("list", { name: "환불 내역" }).getByRole("listitem").first();
  await expect(refundRow.getByText("3,000원", { exact: true })).toBeVisible();
  await expect(refundRow).toContainText("환불 완료");
  await expect(refundRow).toContainText("환불 후 남은 금액 6,900원");
  await expect(refundRow).toContainText(E2E_ADMIN.name);
  await expect(refundRow).toContainText(/rf_[0-9a-f]{32}/);
  await screenshot(page, testInfo, "admin-refunds");

  // And the audit log, in words: the change summed up, the full diff one click away.
  await page.goto("/admin/audit?action=refund");
  const entry = page
    .getByRole(isDesktop ? "row" : "listitem")
    .filter({ hasText: "환불된 금액 0원 → 3,000원" })
    .first();
  await expect(entry).toContainText("환불 완료");
  await expect(entry).toContainText(E2E_ADMIN.name);
  await expect(entry).not.toContainText("chargeRefundedAmount");
  await entry.getByText("환불된 금액 0원 → 3,000원").click();
  const diffRow = entry.getByRole("row", { name: /환불된 금액/ });
  await expect(diffRow).toBeVisible();
  await expect(diffRow).toContainText("0원");
  await expect(diffRow).toContainText("3,000원");
  await screenshot(page, testInfo, "admin-audit");
});
