// Merchant settings: validated saves with audit entries of what changed, and the read-only
// configuration panel that reports booleans, never secret values.
import { beforeEach, describe, expect, test } from "vitest";
import { getConfigurationStatus } from "@/lib/admin/configuration-status";
import { failedWith } from "@/lib/forms/form-result";
import { updateBillingPolicy } from "@/lib/admin/update-billing-policy";
import { updateBusinessInfo } from "@/lib/admin/update-business-info";
import { updateEnabledProviders } from "@/lib/admin/update-enabled-providers";
import { enabledProvidersFromForm } from "@/lib/admin/settings-input";
import { listPaymentProviders } from "@/lib/admin/list-payment-providers";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { merchantSettings } from "@/lib/db/schema";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { parseEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auditRows, insertAdmin, resetData } from "./subscribers-fixtures";

let admin: { userId: string };
beforeEach(async () => {
  await resetData();
  admin = await insertAdmin();
});

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

const policy = (overrides: Record<string, unknown> = {}) => ({
  dunningRetryDays: "1, 3, 5, 7",
  unpaidCancelAfterDays: "14",
  incompleteExpiryHours: "23",
  consentFallbackPolicy: "renew_at_old_price",
  chargeConcurrency: "8",
  ...overrides,
});

describe("updateBillingPolicy", () => {
  test("saves the policy and audits only what changed", async () => {
    const saved = await updateBillingPolicy(
      admin,
      policy({ dunningRetryDays: "2 4,6", consentFallbackPolicy: "cancel_at_period_end" }),
    );
    expect(saved).toMatchObject({
      dunningRetryDays: [2, 4, 6],
      unpaidCancelAfterDays: 14,
      consentFallbackPolicy: "cancel_at_period_end",
    });
    expect((await getMerchantSettings()).dunningRetryDays).toEqual([2, 4, 6]);
    const [audit] = await auditRows("1");
    expect(audit).toMatchObject({
      action: "settings.billing_policy",
      targetType: "merchant_settings",
      actorUserId: admin.userId,
      before: { dunningRetryDays: [1, 3, 5, 7], consentFallbackPolicy: "renew_at_old_price" },
      after: { dunningRetryDays: [2, 4, 6], consentFallbackPolicy: "cancel_at_period_end" },
    });
    expect(Object.keys(audit?.after as object).sort()).toEqual([
      "consentFallbackPolicy",
      "dunningRetryDays",
    ]);
  });

  test("saving the same values writes no audit entry", async () => {
    await updateBillingPolicy(admin, policy());
    expect(await auditRows("1")).toEqual([]);
  });

  test.each([
    [
      { dunningRetryDays: "3, 1" },
      "dunningRetryDays",
      "재시도 일은 작은 수부터 차례로, 같은 날 없이 입력해 주세요. 예: 1, 3, 5, 7",
    ],
    [
      { dunningRetryDays: "1, 1" },
      "dunningRetryDays",
      "재시도 일은 작은 수부터 차례로, 같은 날 없이 입력해 주세요. 예: 1, 3, 5, 7",
    ],
    [{ dunningRetryDays: "0, 2" }, "dunningRetryDays.0", "재시도 일은 1일 이상이어야 해요."],
    [{ dunningRetryDays: "1, 31" }, "dunningRetryDays.1", "재시도 일은 30일 이하여야 해요."],
    [
      { dunningRetryDays: "1, 둘" },
      "dunningRetryDays.1",
      "재시도 일은 숫자만 쉼표로 구분해 입력해 주세요. 예: 1, 3, 5, 7",
    ],
    [
      { dunningRetryDays: "" },
      "dunningRetryDays",
      "재시도 일을 하나 이상 입력해 주세요. 예: 1, 3, 5, 7",
    ],
    [
      { dunningRetryDays: "1,2,3,4,5,6,7,8,9,10,11" },
      "dunningRetryDays",
      "재시도는 10번까지 정할 수 있어요.",
    ],
    [
      { unpaidCancelAfterDays: "0" },
      "unpaidCancelAfterDays",
      "미납 후 해지까지의 기간은 1일 이상이어야 해요.",
    ],
    [
      { incompleteExpiryHours: "100" },
      "incompleteExpiryHours",
      "첫 결제 대기 시간은 72시간 이하여야 해요.",
    ],
    [
      { chargeConcurrency: "많이" },
      "chargeConcurrency",
      "동시 결제 요청 수를 숫자로 입력해 주세요.",
    ],
    [
      { consentFallbackPolicy: "charge_anyway" },
      "consentFallbackPolicy",
      "동의가 없을 때의 처리 방법을 골라 주세요.",
    ],
  ])("refuses %o on %s", async (overrides, field, message) => {
    const error = await rejection(updateBillingPolicy(admin, policy(overrides)));
    expect(error.code).toBe("bad_request");
    expect(failedWith(error, "test").fieldErrors?.[field]).toBe(message);
    expect((await getMerchantSettings()).dunningRetryDays).toEqual([1, 3, 5, 7]);
    expect(await auditRows("1")).toEqual([]);
  });
});

describe("updateBusinessInfo", () => {
  const info = (overrides: Record<string, unknown> = {}) => ({
    businessName: "주식회사 구독",
    representativeName: "홍길동",
    businessRegistrationNumber: "1234567890",
    mailOrderRegistrationNumber: "제2025-서울강남-01234호",
    businessAddress: "서울특별시 강남구 테헤란로 1",
    supportEmail: "help@example.com",
    supportPhone: "1588-0000",
    ...overrides,
  });

  test("normalises the registration number, clears blank fields, and audits", async () => {
    const saved = await updateBusinessInfo(admin, info({ representativeName: "  " }));
    expect(saved).toMatchObject({
      businessName: "주식회사 구독",
      representativeName: null,
      businessRegistrationNumber: "123-45-67890",
      supportPhone: "1588-0000",
    });
    const [audit] = await auditRows("1");
    expect(audit).toMatchObject({
      action: "settings.business_info",
      before: { businessName: "구독 스토어", businessRegistrationNumber: null },
      after: { businessName: "주식회사 구독", businessRegistrationNumber: "123-45-67890" },
    });
  });

  test.each([
    [{ businessName: "" }, "businessName", "상호를 입력해 주세요."],
    [
      { businessRegistrationNumber: "123-45-678" },
      "businessRegistrationNumber",
      "사업자등록번호는 숫자 10자리로 입력해 주세요. 예: 123-45-67890",
    ],
    [
      { supportEmail: "help@" },
      "supportEmail",
      "고객센터 이메일 주소를 확인해 주세요. 예: help@example.com",
    ],
    [
      { supportPhone: "call me" },
      "supportPhone",
      "고객센터 전화번호는 숫자와 하이픈으로 입력해 주세요. 예: 1588-0000, 02-123-4567",
    ],
    [
      { supportPhone: "123" },
      "supportPhone",
      "고객센터 전화번호는 숫자와 하이픈으로 입력해 주세요. 예: 1588-0000, 02-123-4567",
    ],
    [
      { businessAddress: `${"가".repeat(201)}` },
      "businessAddress",
      "주소는 200자 이하로 입력해 주세요.",
    ],
  ])("refuses %o on %s", async (overrides, field, message) => {
    const error = await rejection(updateBusinessInfo(admin, info(overrides)));
    expect(failedWith(error, "test").fieldErrors?.[field]).toBe(message);
  });
});

describe("updateEnabledProviders", () => {
  async function setEnabled(enabledProviders: ("toss_pay" | "toss_payments" | "portone")[]) {
    await getMerchantSettings();
    await db().update(merchantSettings).set({ enabledProviders }).where(eq(merchantSettings.id, 1));
  }

  test("orders the enabled providers as the form says and audits the change", async () => {
    await setEnabled(["toss_pay", "portone"]);
    const form = {
      "enabled.toss_pay": "on",
      "order.toss_pay": "2",
      "enabled.portone": "on",
      "order.portone": "1",
      "order.toss_payments": "3",
    };
    expect(enabledProvidersFromForm(form)).toEqual({ enabledProviders: ["portone", "toss_pay"] });
    const saved = await updateEnabledProviders(admin, enabledProvidersFromForm(form));
    expect(saved.enabledProviders).toEqual(["portone", "toss_pay"]);
    const [audit] = await auditRows("1");
    expect(audit).toMatchObject({
      action: "settings.payment_providers",
      actorUserId: admin.userId,
      before: { enabledProviders: ["toss_pay", "portone"] },
      after: { enabledProviders: ["portone", "toss_pay"] },
    });

    // Turning one off is always allowed while another stays on.
    await updateEnabledProviders(admin, { enabledProviders: ["toss_pay"] });
    expect((await getMerchantSettings()).enabledProviders).toEqual(["toss_pay"]);
  });

  test("keeps at least one provider enabled", async () => {
    const error = await rejection(updateEnabledProviders(admin, enabledProvidersFromForm({})));
    expect(failedWith(error, "test").fieldErrors).toEqual({
      enabledProviders: "결제사를 하나 이상 켜 주세요. 모두 끄면 고객이 구독할 수 없어요.",
    });
    expect((await getMerchantSettings()).enabledProviders).toEqual(["toss_pay"]);
    expect(await auditRows("1")).toEqual([]);
  });

  test("refuses to switch on a provider that is not configured", async () => {
    const halfPortOne = parseEnv({
      NODE_ENV: "development",
      PORT: "3105",
      PORTONE_API_SECRET: "s".repeat(40),
    });
    const notConfigured = await rejection(
      updateEnabledProviders(
        admin,
        { enabledProviders: ["toss_pay", "portone"] },
        { env: halfPortOne },
      ),
    );
    expect(failedWith(notConfigured, "test").fieldErrors?.enabledProviders).toMatch(
      /^토스페이 \(PortOne\)[을를] 켤 수 없어요\. 설정을 확인해 주세요: PORTONE_STORE_ID, PORTONE_CHANNEL_KEY, PORTONE_WEBHOOK_SECRET are not set/,
    );
    expect(failedWith(notConfigured, "test").fieldErrors?.enabledProviders).not.toContain("sss");

    await setEnabled(["portone"]);
    const broken = parseEnv({
      NODE_ENV: "development",
      PORT: "3105",
      TOSS_PAY_API_KEY: `sk_test_${"x".repeat(40)}`,
    });
    const misconfigured = await rejection(
      updateEnabledProviders(admin, { enabledProviders: ["toss_pay"] }, { env: broken }),
    );
    expect(failedWith(misconfigured, "test").fieldErrors?.enabledProviders).toMatch(
      /^토스페이를 켤 수 없어요\. 설정을 확인해 주세요: TOSS_PAY_API_KEY is 48 characters long/,
    );
    expect((await getMerchantSettings()).enabledProviders).toEqual(["portone"]);
    expect(await auditRows("1")).toEqual([]);
  });

  test("lists every provider with whether it can run, never a key", () => {
    const rows = listPaymentProviders(
      { enabledProviders: ["toss_pay"] },
      parseEnv({ NODE_ENV: "development", PORT: "3105" }),
    );
    expect(rows).toEqual([
      { name: "toss_pay", label: "토스페이", position: 1, readiness: "sandbox" },
      {
        name: "toss_payments",
        label: "토스페이먼츠",
        position: null,
        readiness: "sandbox",
      },
      { name: "portone", label: "토스페이 (PortOne)", position: null, readiness: "sandbox" },
    ]);
  });
});

describe("getConfigurationStatus", () => {
  test("reports which secrets are set as booleans and never their values", () => {
    const secrets = {
      TOSS_PAY_API_KEY: `sk_live_${"fakesecret".repeat(2)}` /* not a real key */,
      CRON_SECRET: "cron-secret-value-abcdefghijklmnopqrstuvwxyz",
      AUTH_KAKAO_ID: "kakao-id-value",
      AUTH_KAKAO_SECRET: "kakao-secret-value",
      AUTH_NAVER_ID: "naver-id-value",
    };
    const status = getConfigurationStatus(parseEnv(secrets));
    expect(status.paymentMode).toBe("live");
    expect(Object.fromEntries(status.items.map((i) => [i.name, i.configured]))).toEqual({
      TOSS_PAY_API_KEY: true,
      CRON_SECRET: true,
      SMTP_URL: false,
      "AUTH_KAKAO_ID, AUTH_KAKAO_SECRET": true,
      // Half a pair is not configured.
      "AUTH_NAVER_ID, AUTH_NAVER_SECRET": false,
    });
    const serialized = JSON.stringify(status);
    for (const value of Object.values(secrets)) expect(serialized).not.toContain(value);
  });

  test("is in sandbox mode without a live key", () => {
    const status = getConfigurationStatus(parseEnv({ TOSS_PAY_API_KEY: "sk_test_abc" }));
    expect(status.paymentMode).toBe("sandbox");
    expect(getConfigurationStatus(parseEnv({})).items.every((i) => !i.configured)).toBe(true);
  });
});
