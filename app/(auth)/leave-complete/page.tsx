import type { Metadata } from "next";
import { z } from "zod";
import { AuthLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { Alert } from "@/components/ui/alert";
import { formatKRW } from "@/lib/format";
import type { AuthSearchParams } from "../auth-search-params";

// ?refund=<KRW>: the 청약철회 refund leaving requested (only a number is ever shown).
const querySchema = z.object({
  refund: z.coerce.number().int().min(1).max(1_000_000_000).optional().catch(undefined),
});

export const metadata: Metadata = { title: "탈퇴 완료", robots: { index: false } };

// Where 회원탈퇴 lands, signed out. It shows nothing about the account: there is none now.
export default async function LeaveCompletePage({
  searchParams,
}: {
  searchParams: AuthSearchParams;
}) {
  const { refund } = querySchema.parse(await searchParams);
  return (
    <AuthPanel title="탈퇴가 끝났어요">
      <Alert tone="success" title="그동안 이용해 주셔서 고마워요">
        구독을 해지하고 결제수단과 개인정보를 지웠어요. 법에 따라 보관하는 결제·환불 기록은 이름과
        이메일 없이 5년 동안 남아요.
      </Alert>
      {refund && (
        <Alert tone="info" title={`${formatKRW(refund)} 환불을 요청했어요`}>
          청약철회로 결제한 금액을 모두 돌려드려요. 카드사나 은행에 따라 반영까지 영업일 기준
          3~7일이 걸릴 수 있어요.
        </Alert>
      )}
      <AuthLink href="/">처음으로</AuthLink>
    </AuthPanel>
  );
}
