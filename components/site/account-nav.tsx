"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { ButtonLink } from "@/components/ui/button-link";
import { confirmSignedOut, refreshSignedInUser, useSignedInUser } from "./signed-in-user";

/**
 * The header's account links on a page served from Next's cache: the same markup as the
 * server-rendered header (site-header.tsx), chosen in the browser once the session is known.
 * Nothing is shown until then, rather than a guess that flips.
 */
export function AccountNav({
  linkClassName,
  signOut,
}: {
  linkClassName: string;
  signOut: ReactNode;
}) {
  const pathname = usePathname();
  useEffect(() => refreshSignedInUser(), [pathname]);
  const user = useSignedInUser();
  if (user === undefined) return null;
  if (user === null) {
    return (
      <>
        <Link href="/sign-in" className={linkClassName}>
          로그인
        </Link>
        <ButtonLink href="/sign-up" size="sm" className="ml-1">
          회원가입
        </ButtonLink>
      </>
    );
  }
  return (
    <>
      <Link href="/account" className={linkClassName}>
        내 구독
      </Link>
      {user.role === "admin" && (
        <Link href="/admin" className={linkClassName}>
          관리자
        </Link>
      )}
      {/* Signed out once the server says so (the action's redirect to "/" may not change the
          path, so nothing else would ask again). */}
      <div onSubmitCapture={confirmSignedOut} className="contents">
        {signOut}
      </div>
    </>
  );
}

/** The home page's second button: sign up, or, once signed in, the customer's subscription. */
export function HomeAccountButton() {
  const user = useSignedInUser();
  if (user === undefined) return null;
  return user ? (
    <ButtonLink href="/account" size="lg" variant="secondary">
      내 구독 보기
    </ButtonLink>
  ) : (
    <ButtonLink href="/sign-up" size="lg" variant="secondary">
      회원가입
    </ButtonLink>
  );
}
