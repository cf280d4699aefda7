"use client";

import { pretendard } from "./fonts/pretendard";
import "./fonts/pretendard-extended.css";
import "./globals.css";
import { ERROR_ADVICE, ErrorDigest, type ErrorBoundaryProps } from "@/components/site/error-digest";

// Replaces the root layout when the layout itself fails, so it brings its own <html> and styles.
export default function GlobalError({ error, reset }: ErrorBoundaryProps) {
  return (
    <html lang="ko" className={pretendard.variable}>
      <body className="font-sans">
        <main className="flex min-h-dvh items-center justify-center px-4 py-16">
          <div className="w-full max-w-md space-y-4 text-center">
            <h1 className="text-2xl font-bold">서비스에 일시적인 문제가 생겼어요</h1>
            <p className="leading-relaxed text-muted">{ERROR_ADVICE}</p>
            <ErrorDigest digest={error.digest} className="text-sm text-muted" />
            <div className="flex flex-wrap justify-center gap-3 pt-4">
              <button
                type="button"
                onClick={reset}
                className="min-h-touch rounded-lg bg-primary px-4 font-bold text-primary-foreground hover:bg-primary-hover"
              >
                다시 시도
              </button>
              {/* A plain <a>: a full reload is the point after the root layout failed. */}
              {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
              <a
                href="/"
                className="inline-flex min-h-touch items-center rounded-lg border border-border-strong px-4 font-bold"
              >
                홈으로
              </a>
            </div>
          </div>
        </main>
      </body>
    </html>
  );
}
