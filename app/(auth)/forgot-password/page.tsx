import type { Metadata } from "next";
import { AuthPanel } from "@/components/auth/auth-panel";
import { ForgotPasswordForm } from "@/components/account-access/forgot-password-form";
import { forgotPassword } from "./actions";

export const metadata: Metadata = { title: "비밀번호 재설정" };

export default function ForgotPasswordPage() {
  return (
    <AuthPanel
      title="비밀번호 재설정"
      description="가입한 이메일을 입력하면 비밀번호를 새로 정할 수 있는 링크를 보내 드려요."
    >
      <ForgotPasswordForm action={forgotPassword} />
    </AuthPanel>
  );
}
