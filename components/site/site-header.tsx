import Link from "next/link";
import { ButtonLink } from "@/components/ui/button-link";
import { Container } from "@/components/ui/container";
import { cx } from "@/components/ui/cx";
import { AccountNav } from "./account-nav";
import { SignOutButton } from "./sign-out-button";

/**
 * The signed-in user, or null; "from-browser" on a page served from Next's cache, where the
 * server does not know who is visiting and the browser fills the account links in.
 */
export type HeaderUser = { role: "customer" | "admin" } | null | "from-browser";

const navLink = cx(
  "inline-flex min-h-touch items-center rounded-lg px-2.5 text-sm font-bold text-muted",
  "hover:bg-surface-muted hover:text-foreground sm:px-3 sm:text-[0.9375rem]",
);

export function SiteHeader({ storeName, user }: { storeName: string; user: HeaderUser }) {
  return (
    <header className="border-b border-border bg-surface/90 backdrop-blur supports-[backdrop-filter]:bg-surface/75">
      <Container className="flex min-h-16 flex-wrap items-center justify-between gap-x-2 gap-y-1 py-2">
        <Link
          href="/"
          className="-ml-1 inline-flex min-h-touch items-center gap-2 rounded-lg px-1 text-lg font-bold"
        >
          <span
            aria-hidden="true"
            className="flex size-7 items-center justify-center rounded-lg bg-primary text-sm text-primary-foreground"
          >
            {storeName.slice(0, 1)}
          </span>
          {storeName}
        </Link>
        <nav aria-label="주요 메뉴" className="-mr-1 flex items-center gap-0.5 sm:gap-1">
          <Link href="/pricing" className={navLink}>
            요금제
          </Link>
          {user === "from-browser" ? (
            <AccountNav linkClassName={navLink} signOut={<SignOutButton className={navLink} />} />
          ) : user ? (
            <>
              <Link href="/account" className={navLink}>
                내 구독
              </Link>
              {user.role === "admin" && (
                <Link href="/admin" className={navLink}>
                  관리자
                </Link>
              )}
              <SignOutButton className={navLink} />
            </>
          ) : (
            <>
              <Link href="/sign-in" className={navLink}>
                로그인
              </Link>
              <ButtonLink href="/sign-up" size="sm" className="ml-1">
                회원가입
              </ButtonLink>
            </>
          )}
        </nav>
      </Container>
    </header>
  );
}
