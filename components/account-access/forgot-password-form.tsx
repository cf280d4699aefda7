"use client";

import { AuthForm, useAuthForm } from "@/components/auth/auth-form";
import { AuthLink } from "@/components/auth/auth-link";
import { EmailField } from "@/components/auth/email-field";
import { Alert } from "@/components/ui/alert";
import type { FormAction, FormResult } from "@/lib/forms/form-result";

type ForgotPasswordFormState = FormResult<"email"> & { sentTo?: string };

const FIELD_ORDER = ["email"];

/** /forgot-password: the address, then the same "check your mail" answer for any address. */
export function ForgotPasswordForm({ action }: { action: FormAction<ForgotPasswordFormState> }) {
  const { state, frame } = useAuthForm(action, FIELD_ORDER);

  if (state.sentTo) {
    return (
      <div className="space-y-4">
        <Alert tone="success" title="메일을 확인해 주세요">
          <strong className="break-all">{state.sentTo}</strong> 주소로 가입된 계정이 있다면 비밀번호
          재설정 링크를 보냈어요. 링크는 30분 동안 한 번만 쓸 수 있어요.
        </Alert>
        <p className="text-sm leading-relaxed text-muted">
          메일이 보이지 않으면 스팸함을 확인해 주세요. 가입한 이메일이 기억나지 않으면 다른 주소로
          다시 시도해 보세요. <AuthLink href="/sign-in">로그인으로 돌아가기</AuthLink>
        </p>
      </div>
    );
  }
  return (
    <AuthForm {...frame} hidden={{}} submitLabel="재설정 링크 받기" loadingLabel="보내는 중">
      <EmailField defaultValue={state.values?.email} error={state.fieldErrors?.email} />
    </AuthForm>
  );
}
