import type { Metadata } from "next";
import { z } from "zod";
import { AuthLink } from "@/components/auth/auth-link";
import { AuthPanel } from "@/components/auth/auth-panel";
import { Alert } from "@/components/ui/alert";
import { SubmitButton } from "@/components/ui/submit-button";
import { describeEmailChangeLink } from "@/lib/auth/change-email";
import type { AuthSearchParams } from "../auth-search-params";
import { confirmEmailChangeAction } from "./actions";

export const metadata: Metadata = { title: "새 이메일 확인", robots: { index: false } };

const schema = z.object({
  token: z.string().max(100).optional().catch(undefined),
  done: z.enum(["changed", "invalid-link", "taken"]).optional().catch(undefined),
});

// GET /confirm-email-change?token=… — the link emailed to the NEW address. Opening it changes
// nothing (mail scanners open links too); the button confirms. It works in any browser: the
// link itself proves the new mailbox, and only the signed-in owner could have asked for it.
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: AuthSearchParams;
}) {
  const query = schema.parse(await searchParams);

  if (query.done === "changed") {
    return (
      <AuthPanel title="이메일을 바꿨어요">
        <Alert tone="success" title="로그인 이메일이 바뀌었어요">
          이제 새 이메일로 로그인하고 메일도 새 주소로 받아요.
        </Alert>
        <AuthLink href="/account/security">계정 관리로 가기</AuthLink>
      </AuthPanel>
    );
  }
  if (query.done === "taken") {
    return (
      <AuthPanel title="새 이메일 확인">
        <Alert tone="warning" title="이미 다른 계정이 쓰는 주소예요">
          이 주소로는 바꿀 수 없어요. 계정 관리에서 다른 주소로 다시 요청해 주세요.
        </Alert>
        <AuthLink href="/account/security">계정 관리로 가기</AuthLink>
      </AuthPanel>
    );
  }
  const link = query.done ? null : await describeEmailChangeLink(query.token);
  if (!link || !query.token) {
    return (
      <AuthPanel title="새 이메일 확인">
        <Alert tone="warning" title="쓸 수 없는 링크예요">
          링크가 만료됐거나 이미 사용됐어요. 계정 관리에서 이메일 변경을 다시 요청해 주세요.
        </Alert>
        <AuthLink href="/account/security">계정 관리로 가기</AuthLink>
      </AuthPanel>
    );
  }
  return (
    <AuthPanel
      title="새 이메일 확인"
      description={
        <>
          로그인 이메일을 <strong className="break-all text-foreground">{link.newEmail}</strong>
          (으)로 바꿀게요.
        </>
      }
    >
      <form action={confirmEmailChangeAction}>
        <input type="hidden" name="token" value={query.token} />
        <SubmitButton size="lg" fullWidth loadingLabel="바꾸는 중">
          이 주소로 바꾸기
        </SubmitButton>
      </form>
    </AuthPanel>
  );
}
