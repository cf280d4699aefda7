"use client";

import { Field } from "@/components/ui/field";
import { RadioOptions } from "./radio-options";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

export type BillingPolicyValues = {
  dunningRetryDays: number[];
  unpaidCancelAfterDays: number;
  incompleteExpiryHours: number;
  consentFallbackPolicy: "renew_at_old_price" | "cancel_at_period_end";
  chargeConcurrency: number;
};

const ORDER = [
  "dunningRetryDays",
  "unpaidCancelAfterDays",
  "incompleteExpiryHours",
  "consentFallbackPolicy",
  "chargeConcurrency",
];

// The three whole-number limits, side by side: name, label, hint.
const LIMITS = [
  [
    "unpaidCancelAfterDays",
    "미납 후 자동 해지 (일)",
    "재시도가 모두 실패해 미납이 된 뒤 해지까지 기다리는 날 (1~90)",
  ],
  [
    "incompleteExpiryHours",
    "첫 결제 대기 (시간)",
    "결제수단 등록 후 첫 결제가 안 된 신청을 정리하기까지 (1~72)",
  ],
  [
    "chargeConcurrency",
    "동시 결제 요청 수",
    "정기결제 실행이 결제사에 한 번에 보내는 요청 수 (1~50)",
  ],
] as const;

/** Dunning schedule, cancellation and consent policy, and the cron's charge concurrency. */
export function BillingPolicyForm({
  action,
  current,
}: {
  action: SettingsAction;
  current: BillingPolicyValues;
}) {
  const form = useSettingsForm(action, ORDER);
  const { state, errors } = form;
  // Nested messages ("dunningRetryDays.1") belong to the retry-days field.
  const retryError =
    errors.dunningRetryDays ??
    Object.entries(errors).find(([key]) => key.startsWith("dunningRetryDays."))?.[1];
  const value = (name: string, fallback: string | number) =>
    state.values?.[name] ?? String(fallback);
  const policy = value("consentFallbackPolicy", current.consentFallbackPolicy);

  return (
    <SettingsForm form={form} submitLabel="결제 정책 저장">
      <Field
        label="결제 실패 후 재시도 (일)"
        name="dunningRetryDays"
        required
        inputMode="numeric"
        hint="첫 실패일로부터 며칠 뒤에 다시 결제할지 쉼표로 적어 주세요. 작은 수부터, 1~30일. 예: 1, 3, 5, 7"
        defaultValue={value("dunningRetryDays", current.dunningRetryDays.join(", "))}
        error={retryError}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-3">
        {LIMITS.map(([name, label, hint]) => (
          <Field
            key={name}
            label={label}
            name={name}
            required
            inputMode="numeric"
            hint={hint}
            defaultValue={value(name, current[name])}
            error={errors[name]}
          />
        ))}
      </div>
      <RadioOptions
        name="consentFallbackPolicy"
        legend="가격 인상에 동의하지 않은 구독자"
        hint="가격을 올리면 기존 구독자에게 다음 결제 30일 전부터 동의를 받아요 (전자상거래법 시행령). 결제일까지 동의하지 않으면:"
        options={[
          ["renew_at_old_price", "기존 가격으로 한 번 더 갱신하고 다시 묻기 (기본)"],
          ["cancel_at_period_end", "이용 기간이 끝나면 해지"],
        ]}
        selected={policy}
        error={errors.consentFallbackPolicy}
      />
    </SettingsForm>
  );
}
