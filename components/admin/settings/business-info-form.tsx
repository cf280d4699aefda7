"use client";

import { useActionState } from "react";
import { useFocusFirstError } from "@/components/auth/use-focus-first-error";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialSettingsFormState, type SettingsFormState } from "./settings-form-state";

type Action = (state: SettingsFormState, formData: FormData) => Promise<SettingsFormState>;

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
  action: Action;
  current: BusinessInfoValues;
}) {
  const [state, formAction] = useActionState(action, initialSettingsFormState);
  const formRef = useFocusFirstError(state.fieldErrors, ORDER);
  const errors = state.fieldErrors ?? {};
  const value = (name: keyof BusinessInfoValues) => state.values?.[name] ?? current[name] ?? "";

  return (
    <form ref={formRef} action={formAction} noValidate className="space-y-5">
      {state.status === "success" && <Alert tone="success">{state.message}</Alert>}
      {state.status === "error" && Object.keys(errors).length === 0 && (
        <Alert tone="danger">{state.message}</Alert>
      )}
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          label="상호"
          name="businessName"
          required
          maxLength={100}
          defaultValue={value("businessName")}
          error={errors.businessName}
        />
        <Field
          label="대표자"
          name="representativeName"
          maxLength={50}
          defaultValue={value("representativeName")}
          error={errors.representativeName}
        />
        <Field
          label="사업자등록번호"
          name="businessRegistrationNumber"
          inputMode="numeric"
          placeholder="예: 123-45-67890"
          defaultValue={value("businessRegistrationNumber")}
          error={errors.businessRegistrationNumber}
        />
        <Field
          label="통신판매업 신고번호"
          name="mailOrderRegistrationNumber"
          placeholder="예: 제2025-서울강남-01234호"
          defaultValue={value("mailOrderRegistrationNumber")}
          error={errors.mailOrderRegistrationNumber}
        />
      </div>
      <Field
        label="주소"
        name="businessAddress"
        maxLength={200}
        autoComplete="street-address"
        defaultValue={value("businessAddress")}
        error={errors.businessAddress}
      />
      <div className="grid grid-cols-1 gap-5 sm:grid-cols-2">
        <Field
          label="고객센터 이메일"
          name="supportEmail"
          type="email"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={value("supportEmail")}
          error={errors.supportEmail}
        />
        <Field
          label="고객센터 전화"
          name="supportPhone"
          type="tel"
          inputMode="tel"
          placeholder="예: 1588-0000"
          defaultValue={value("supportPhone")}
          error={errors.supportPhone}
        />
      </div>
      <SubmitButton>사업자 정보 저장</SubmitButton>
    </form>
  );
}
