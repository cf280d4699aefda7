"use client";

import { useState, type FormEvent } from "react";
import { AgreementCheckboxes } from "@/components/legal/agreement-checkboxes";
import { Field } from "@/components/ui/field";
import type { SignUpFormState } from "@/lib/auth/form-state";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password-policy";
import {
  PRIVACY_REQUIRED_MESSAGE,
  TERMS_REQUIRED_MESSAGE,
  type AgreementFieldErrors,
} from "@/lib/legal/agreement-messages";
import { AuthForm, PasswordField, useAuthForm, type AuthFormProps } from "./auth-form";
import { CheckYourMail } from "./check-your-mail";
import { EmailField } from "./email-field";

const FIELD_ORDER = ["email", "password", "name", "agreeTerms", "agreePrivacy"];

export function SignUpForm({ action, callbackUrl }: AuthFormProps<SignUpFormState>) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);
  // The required boxes are checked here before sending too, so a forgotten tick keeps the
  // password as typed (the server never echoes a password back); the server checks again.
  const [unticked, setUnticked] = useState<AgreementFieldErrors | null>(null);

  function refuseWithoutRequiredAgreements(event: FormEvent<HTMLFormElement>) {
    const form = event.currentTarget;
    const ticked = (name: string) => {
      const box = form.elements.namedItem(name);
      return box instanceof HTMLInputElement && box.checked;
    };
    const errors: AgreementFieldErrors = {};
    if (!ticked("agreeTerms")) errors.agreeTerms = TERMS_REQUIRED_MESSAGE;
    if (!ticked("agreePrivacy")) errors.agreePrivacy = PRIVACY_REQUIRED_MESSAGE;
    if (errors.agreeTerms || errors.agreePrivacy) {
      event.preventDefault();
      setUnticked(errors);
      const first = form.elements.namedItem(errors.agreeTerms ? "agreeTerms" : "agreePrivacy");
      if (first instanceof HTMLElement) first.focus();
      return;
    }
    setUnticked(null);
  }

  // The same screen whether or not the address already had an account.
  if (state.sent) {
    return (
      <CheckYourMail {...state.sent}>
        메일의 링크를 눌러 가입을 마쳐 주세요. 링크는 24시간 동안 쓸 수 있어요.
      </CheckYourMail>
    );
  }
  const agreementErrors = unticked ?? {
    agreeTerms: state.fieldErrors?.agreeTerms,
    agreePrivacy: state.fieldErrors?.agreePrivacy,
  };
  return (
    <AuthForm
      {...frame}
      hidden={{ callbackUrl }}
      submitLabel="가입하기"
      loadingLabel="가입 중"
      onSubmit={refuseWithoutRequiredAgreements}
    >
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
      <PasswordField
        autoComplete="new-password"
        minLength={PASSWORD_MIN_LENGTH}
        hint={`${PASSWORD_MIN_LENGTH}자 이상 ${PASSWORD_MAX_LENGTH}자 이하로 입력해 주세요.`}
        error={state.fieldErrors?.password}
      />
      <Field
        label="이름 (선택)"
        name="name"
        type="text"
        autoComplete="name"
        defaultValue={state.values?.name}
        error={state.fieldErrors?.name}
      />
      <AgreementCheckboxes
        // A refused submit comes back with the ticks it sent; a new key re-seeds the boxes.
        key={JSON.stringify(state.values ?? {})}
        initial={{
          agreeTerms: state.values?.agreeTerms === "agreed",
          agreePrivacy: state.values?.agreePrivacy === "agreed",
          agreeMarketing: state.values?.agreeMarketing === "agreed",
        }}
        errors={agreementErrors}
      />
    </AuthForm>
  );
}
