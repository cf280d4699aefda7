import { AuthLink } from "./auth-link";
import type { ReactNode } from "react";
import { Alert } from "@/components/ui/alert";

/**
 * "확인 메일을 보냈어요": the answer to a sign-up or a resend request, the same whether or not
 * the address has an account (what happens next is said only in the email). In local
 * development the link itself is shown too, clearly labelled; the server never passes it in
 * production.
 */
export function CheckYourMail({
  email,
  devVerifyUrl,
  children,
}: {
  email: string;
  devVerifyUrl: string | null;
  children: ReactNode;
}) {
  return (
    <div className="space-y-4">
      <Alert tone="success" title="확인 메일을 보냈어요">
        <strong className="break-all">{email}</strong> 주소로 메일을 보냈어요. {children}
      </Alert>
      <p className="text-sm leading-relaxed text-muted">
        메일이 보이지 않으면 스팸함을 확인해 주세요. 몇 분이 지나도 오지 않으면 잠시 후{" "}
        <AuthLink href="/verify-email/resend">인증 메일 다시 보내기</AuthLink>를 눌러 주세요.
      </p>
      {devVerifyUrl && (
        <div className="rounded-lg border border-dashed border-warning p-3 text-sm">
          <p className="font-bold">개발 모드: 메일 대신 여기서 바로 확인할 수 있어요</p>
          <a href={devVerifyUrl} className="break-all text-primary underline">
            {devVerifyUrl}
          </a>
        </div>
      )}
    </div>
  );
}
