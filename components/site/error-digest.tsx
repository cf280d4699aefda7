/** What Next.js gives an error boundary (app/error.tsx, app/global-error.tsx). */
export type ErrorBoundaryProps = {
  error: Error & { digest?: string };
  reset: () => void;
};

/** The customer's advice on both error screens. */
export const ERROR_ADVICE = "잠시 후 다시 시도해 주세요. 문제가 계속되면 고객센터로 알려 주세요.";

/**
 * Server error details never reach the browser in production; the digest, shown when there is
 * one, lets support find the matching server log line.
 */
export function ErrorDigest({ digest, className }: { digest?: string; className: string }) {
  if (!digest) return null;
  return (
    <p className={className}>
      오류 코드: <code className="font-mono">{digest}</code>
    </p>
  );
}
