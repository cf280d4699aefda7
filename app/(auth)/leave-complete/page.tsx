import type { Metadata } from "next";
import { AuthLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { Alert } from "@/components/ui/alert";

export const metadata: Metadata = { title: "탈퇴 완료", robots: { index: false } };

// Where 회원탈퇴 lands, signed out. It shows nothing about the account: there is none now.
export default function LeaveCompletePage() {
  return (
    <AuthPanel title="탈퇴가 끝났어요">
      <Alert tone="success" title="그동안 이용해 주셔서 고마워요">
        구독을 해지하고 결제수단과 개인정보를 지웠어요. 법에 따라 보관하는 결제·환불 기록은 이름과
        이메일 없이 5년 동안 남아요.
      </Alert>
      <AuthLink href="/">처음으로</AuthLink>
    </AuthPanel>
  );
}
