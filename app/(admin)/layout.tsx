import type { Metadata } from "next";
import Link from "next/link";
import { AdminNav } from "@/components/admin/admin-nav";
import { SignOutButton } from "@/components/site/sign-out-button";
import { SkipLink } from "@/components/site/skip-link";
import { TestModeBar } from "@/components/site/test-mode-notice";
import { requireAdmin } from "@/lib/auth/guards";
import { getMerchantSettings } from "@/lib/merchant/get-merchant-settings";
import { paymentMode } from "@/lib/payments/mode";

// Every admin page reads the session and live data: rendered per request, never prerendered.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "관리자", template: "%s | 관리자" },
  robots: { index: false },
};

// The layout guards the whole admin area, and every page checks again: layouts do not re-run on
// client navigation between sibling pages, so a page must never rely on its layout alone.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  await requireAdmin({ callbackUrl: "/admin" });
  const settings = await getMerchantSettings();

  return (
    <div className="min-h-dvh">
      <SkipLink />
      {paymentMode() === "sandbox" && (
        <TestModeBar label="테스트 모드" width="max-w-screen-2xl">
          <p>
            <strong className="font-bold text-warning">테스트 모드</strong> — 실제로 결제되지
            않아요.{" "}
            <Link
              href="/admin#setup-checklist"
              className="whitespace-nowrap font-bold text-primary underline underline-offset-4"
            >
              실결제 준비 보기
            </Link>
          </p>
        </TestModeBar>
      )}
      <header className="border-b border-border bg-surface">
        <div className="mx-auto flex min-h-14 max-w-screen-2xl flex-wrap items-center justify-between gap-2 px-4 sm:px-6">
          <Link href="/admin" className="inline-flex min-h-touch items-center gap-2 font-bold">
            {settings.businessName}
            <span className="rounded-md bg-surface-muted px-2 py-0.5 text-xs text-muted">
              관리자
            </span>
          </Link>
          <div className="flex items-center gap-1 text-sm font-bold">
            <Link
              href="/"
              className="inline-flex min-h-touch items-center rounded-lg px-3 text-muted hover:bg-surface-muted hover:text-foreground"
            >
              스토어 보기
            </Link>
            <SignOutButton className="inline-flex min-h-touch items-center rounded-lg px-3 text-muted hover:bg-surface-muted hover:text-foreground" />
          </div>
        </div>
      </header>
      <div className="mx-auto grid max-w-screen-2xl grid-cols-[minmax(0,1fr)] gap-6 px-4 py-6 sm:px-6 lg:grid-cols-[13rem_minmax(0,1fr)] lg:gap-10 lg:py-10">
        <aside className="min-w-0 lg:sticky lg:top-6 lg:self-start">
          <AdminNav />
        </aside>
        <main id="main" className="min-w-0">
          {children}
        </main>
      </div>
    </div>
  );
}
