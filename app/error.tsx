"use client";

import { StatusPage } from "@/components/site/status-page";
import { Button, ButtonLink } from "@/components/ui/button";

// Server error details never reach the browser in production; the digest lets support find the
// matching server log line.
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <StatusPage
      code="오류"
      title="일시적인 문제가 생겼어요"
      description={
        <>
          <p>잠시 후 다시 시도해 주세요. 문제가 계속되면 고객센터로 알려 주세요.</p>
          {error.digest && (
            <p className="mt-2 text-sm">
              오류 코드: <code className="font-mono">{error.digest}</code>
            </p>
          )}
        </>
      }
      actions={
        <>
          <Button onClick={reset}>다시 시도</Button>
          <ButtonLink href="/" variant="secondary">
            홈으로
          </ButtonLink>
        </>
      }
    />
  );
}
