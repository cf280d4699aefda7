"use client";

import { Field } from "@/components/ui/field";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

export type BusinessInfoValues = {
  businessName: string;
  representativeName: string | null;
  businessRegistrationNumber: string | null;
  mailOrderRegistrationNumber: string | null;
  businessAddress: string | null;
  supportEmail: string | null;
  supportPhone: string | null;
};

const ORDER = [
  "businessName",
  "representativeName",
  "businessRegistrationNumber",
  "mailOrderRegistrationNumber",
  "businessAddress",
  "supportEmail",
  "supportPhone",
];

/** What 전자상거래법 §10 asks an online seller to show: the storefront footer and emails. */
export function BusinessInfoForm({
  action,
  current,
}: {
  action: SettingsAction;
  current: BusinessInfoValues;
}) {
  const form = useSettingsForm(action, ORDER);
  // Name, what was typed (or is saved) and the field's message: the same for every input here.
  const bind = (name: keyof BusinessInfoValues) => ({
    name,
    defaultValue: form.state.values?.[name] ?? current[name] ?? "",
    error: form.errors[name],
  });

  return (
    <SettingsForm form={form} submitLabel="사업자 정보 저장">
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field label="상호" required maxLength={100} {...bind("businessName")} />
        <Field label="대표자" maxLength={50} {...bind("representativeName")} />
        <Field
          label="사업자등록번호"
          inputMode="numeric"
          placeholder="예: 123-45-67890"
          {...bind("businessRegistrationNumber")}
        />
        <Field
          label="통신판매업 신고번호"
          placeholder="예: 제2025-서울강남-01234호"
          {...bind("mailOrderRegistrationNumber")}
        />
      </div>
      <Field
        label="주소"
        maxLength={200}
        autoComplete="street-address"
        {...bind("businessAddress")}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          label="고객센터 이메일"
          type="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          {...bind("supportEmail")}
        />
        <Field
          label="고객센터 전화"
          type="tel"
          inputMode="tel"
          placeholder="예: 1588-0000"
          {...bind("supportPhone")}
        />
      </div>
    </SettingsForm>
  );
}
