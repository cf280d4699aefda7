"use client";

import { Field } from "@/components/ui/field";
import { RadioOptions } from "./radio-options";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

export type WithdrawalPolicyValues = {
  withdrawalDays: number;
  withdrawalUsePolicy: "regardless_of_use" | "unused_only";
  proratedCancelRefund: boolean;
};

const ORDER = ["withdrawalDays", "withdrawalUsePolicy", "proratedCancelRefund"];

const USE_POLICIES = [
  ["regardless_of_use", "사용 여부와 관계없이 허용 (기본)"],
  [
    "unused_only",
    "이용 기록이 없을 때만 허용 — 구독자 화면에서 이용 기록을 남긴 구독은 청약철회할 수 없어요",
  ],
] as const;

/** 청약철회 기간, what "used" means for it, and whether cancelling now refunds the unused days. */
export function WithdrawalPolicyForm({
  action,
  current,
}: {
  action: SettingsAction;
  current: WithdrawalPolicyValues;
}) {
  const form = useSettingsForm(action, ORDER);
  const { state, errors } = form;
  const value = (name: string, fallback: string) => state.values?.[name] ?? fallback;
  const policy = value("withdrawalUsePolicy", current.withdrawalUsePolicy);
  const prorated = state.values
    ? state.values.proratedCancelRefund === "on"
    : current.proratedCancelRefund;

  return (
    <SettingsForm form={form} submitLabel="환불 정책 저장">
      <Field
        label="청약철회 기간 (일)"
        name="withdrawalDays"
        required
        inputMode="numeric"
        hint="첫 결제일 다음 날부터 세요. 7일이면 12월 1일에 결제한 구독은 12월 8일 23:59까지 철회할 수 있어요 (7~30일)."
        defaultValue={value("withdrawalDays", String(current.withdrawalDays))}
        error={errors.withdrawalDays}
      />
      <RadioOptions
        name="withdrawalUsePolicy"
        legend="서비스를 이용한 뒤의 청약철회"
        hint="이 스토어는 이용 기록을 자동으로 모으지 않아요. ‘이용 기록이 없을 때만’을 고르면 구독자 상세 화면에서 이용 기록을 남긴 구독만 청약철회에서 빠져요. 이 기준은 이용약관과 환불 정책에도 적어 주세요."
        options={USE_POLICIES}
        selected={policy}
        error={errors.withdrawalUsePolicy}
      />
      <label className="flex min-h-touch cursor-pointer items-start gap-3 rounded-lg border border-border px-3 py-3 has-[:checked]:border-primary">
        <input
          type="checkbox"
          name="proratedCancelRefund"
          defaultChecked={prorated}
          className="mt-1 size-4 shrink-0 accent-[rgb(var(--color-primary))]"
        />
        <span className="space-y-1">
          <span className="block font-bold">지금 해지하고 남은 기간 환불 허용</span>
          <span className="block text-sm text-muted">
            청약철회 기간이 지난 뒤에도 고객이 바로 해지하고, 남은 날수(오늘 제외)만큼 결제 금액을
            나눠 10원 단위로 내림한 금액을 돌려받을 수 있어요. 끄면 이용 기간이 끝날 때 해지돼요.
          </span>
        </span>
      </label>
    </SettingsForm>
  );
}
