import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

// Shown across every page while payments run in the built-in sandbox (development, or a
// production demo store with ALLOW_SANDBOX_IN_PRODUCTION=true), so nobody mistakes a demo for a
// real purchase. Layouts decide from the server's payment mode; only the bar reaches the browser.

const WARNING_ICON =
  "M8.49 2.87c.66-1.16 2.36-1.16 3.02 0l6.28 11.02c.65 1.14-.18 2.56-1.51 2.56H3.72c-1.33 0-2.16-1.42-1.5-2.56L8.48 2.87ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z";

/**
 * A slim bar across the top of the page. A labelled region (a landmark screen readers list)
 * rather than a live region: it is there from the first paint and never changes.
 * `width` lines its content up with the page below it.
 */
export function TestModeBar({
  label,
  width,
  children,
}: {
  label: string;
  width: string;
  children: ReactNode;
}) {
  return (
    <section aria-label={label} className="border-b border-warning/30 bg-warning/10 text-sm">
      <div className={cx("mx-auto flex w-full items-start gap-2 px-4 py-2 sm:px-6", width)}>
        <svg
          aria-hidden="true"
          viewBox="0 0 20 20"
          fill="currentColor"
          className="mt-0.5 size-4 shrink-0 text-warning"
        >
          <path fillRule="evenodd" clipRule="evenodd" d={WARNING_ICON} />
        </svg>
        <div className="min-w-0 leading-snug">{children}</div>
      </div>
    </section>
  );
}

/** The storefront's notice: what a customer needs to know, in their words. */
export function TestModeNotice() {
  return (
    <TestModeBar label="테스트 모드 안내" width="max-w-content">
      <p>
        <strong className="font-bold text-warning">테스트 모드</strong> — 실제로 결제되지 않아요.
        결제수단도 실제 카드가 아닌 테스트용으로 등록돼요.
      </p>
    </TestModeBar>
  );
}
