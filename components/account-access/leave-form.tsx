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
  withdrawal,
}: {
  action: FormAction<State>;
  hasPassword: boolean;
  phrase: string;
  // 청약철회 applies: the full refund leaving can ask for (KRW, and as the customer reads it).
  withdrawal: { amount: number; label: string } | null;
}) {
  const { state, pending, formRef, onSubmit } = useKeptForm(action, [
    hasPassword ? "password" : "confirmation",
  ]);
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5">
      <FormResultAlert state={state} />
      {withdrawal && (
        <label className="flex items-start gap-3 rounded-lg border border-border p-4 text-sm leading-relaxed">
          <input
            type="checkbox"
            name="withdrawAmount"
            value={withdrawal.amount}
            defaultChecked
            className="mt-1 size-4 shrink-0"
          />
          <span>
            <strong>청약철회로 {withdrawal.label} 모두 환불받기</strong>
            <br />
            결제한 카드나 계좌로 돌려드려요. 선택하지 않으면 환불 없이 탈퇴해요.
          </span>
        </label>
      )}
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
