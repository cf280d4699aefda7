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

// What the footer of each auth page asks, by the page it sends the visitor to.
const SWITCH_TO = {
  "/sign-up": { question: "아직 계정이 없나요?", label: "회원가입" },
  "/sign-in": { question: "이미 계정이 있나요?", label: "로그인" },
} as const;

/**
 * The footer that sends a visitor to the other auth page ("아직 계정이 없나요? 회원가입"),
 * carrying the callbackUrl along unless it is the default "/".
 */
export function AuthSwitchLink({
  to,
  callbackUrl,
}: {
  to: keyof typeof SWITCH_TO;
  callbackUrl: string;
}) {
  const { question, label } = SWITCH_TO[to];
  const href = callbackUrl === "/" ? to : `${to}?${new URLSearchParams({ callbackUrl })}`;
  return (
    <>
      {question} <AuthLink href={href}>{label}</AuthLink>
    </>
  );
}
