"use client";

import { ERROR_ADVICE, ErrorDigest, type ErrorBoundaryProps } from "@/components/site/error-digest";
import { StatusPage } from "@/components/site/status-page";
import { Button, buttonClasses } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: ErrorBoundaryProps) {
  return (
    <StatusPage
      code="오류"
      title="일시적인 문제가 생겼어요"
      description={
        <>
          <p>{ERROR_ADVICE}</p>
          <ErrorDigest digest={error.digest} className="mt-2 text-sm" />
        </>
      }
      actions={
        <>
          <Button onClick={reset}>다시 시도</Button>
          {/* A full load of the home page: a clean start after an error, and no next/link in
              this boundary's bundle, which every page loads. */}
          {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load, on purpose */}
          <a href="/" className={buttonClasses({ variant: "secondary" })}>
            홈으로
          </a>
        </>
      }
    />
  );
}
