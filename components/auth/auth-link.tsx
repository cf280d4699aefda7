import Link from "next/link";
import type { ReactNode } from "react";

/** The inline link style of the auth pages (sign-in ↔ sign-up, resend the verification mail). */
export function AuthLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Link href={href} className="font-bold text-primary underline-offset-4 hover:underline">
      {children}
    </Link>
  );
}

/**
 * The footer that sends a visitor to the other auth page ("아직 계정이 없나요? 회원가입"),
 * carrying the callbackUrl along unless it is the default "/".
 */
export function AuthSwitchLink({
  question,
  path,
  label,
  callbackUrl,
}: {
  question: string;
  path: "/sign-in" | "/sign-up";
  label: string;
  callbackUrl: string;
}) {
  const href = callbackUrl === "/" ? path : `${path}?${new URLSearchParams({ callbackUrl })}`;
  return (
    <>
      {question} <AuthLink href={href}>{label}</AuthLink>
    </>
  );
}
