import Link from "next/link";

/** The account page's way to /account/security: email, password, data export, leaving. */
export function AccountSettingsLink() {
  return (
    <p className="text-sm text-muted">
      로그인 이메일·비밀번호 변경, 내 정보 내려받기, 회원탈퇴는{" "}
      <Link
        href="/account/security"
        className="font-bold text-primary underline-offset-4 hover:underline"
      >
        계정 관리
      </Link>
      에서 할 수 있어요.
    </p>
  );
}
