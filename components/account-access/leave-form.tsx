"use client";

import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormResultAlert } from "@/components/ui/form-result-alert";
import type { FormAction, FormResult } from "@/lib/forms/form-result";
import { useKeptForm } from "./use-kept-form";

type State = FormResult<"password" | "confirmation">;

/** The last step of 회원탈퇴: the password, or the typed phrase for a Kakao/Naver-only account. */
export function LeaveForm({
  action,
  hasPassword,
  phrase,
}: {
  action: FormAction<State>;
  hasPassword: boolean;
  phrase: string;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, [
    hasPassword ? "password" : "confirmation",
  ]);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormResultAlert state={state} />
      {hasPassword ? (
        <Field
          label="비밀번호"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          hint="본인 확인을 위해 비밀번호를 입력해 주세요."
          error={state.fieldErrors?.password}
        />
      ) : (
        <Field
          label={`확인 문구: ${phrase}`}
          name="confirmation"
          required
          autoComplete="off"
          hint={`탈퇴하려면 '${phrase}'를 그대로 입력해 주세요.`}
          error={state.fieldErrors?.confirmation}
        />
      )}
      <Button
        type="submit"
        variant="danger"
        loading={pending}
        loadingLabel="탈퇴 처리 중"
        fullWidth
      >
        탈퇴하기
      </Button>
    </form>
  );
}
