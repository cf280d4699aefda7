import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import { LineIcon } from "@/components/ui/line-icon";
import { providerLabel } from "@/lib/payments/registry";
import type { MethodSummary } from "@/lib/payment-methods/find-own-method";
import { describeMethod, type MethodDisplay } from "./describe-method";

function MethodIcon({ kind }: { kind: MethodDisplay["kind"] }) {
  return (
    <span
      aria-hidden="true"
      className="flex size-11 shrink-0 items-center justify-center rounded-xl bg-primary/10 text-primary"
    >
      <LineIcon>
        {kind === "card" ? (
          <>
            <rect x="2.75" y="5.25" width="18.5" height="13.5" rx="2" />
            <path d="M2.75 9.5h18.5M6.5 15h4" strokeLinecap="round" />
          </>
        ) : (
          <path
            d="M3.5 9.5 12 4.5l8.5 5M5 9.5v8m4.67-8v8m4.66-8v8M19 9.5v8M3.5 19.5h17"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        )}
      </LineIcon>
    </span>
  );
}

/**
 * The linked method as the customer knows it: company or bank, masked number, credit/check,
 * and which provider holds it.
 */
export function MethodDetails({
  method,
  note,
  className,
}: {
  method: MethodDisplay & Pick<MethodSummary, "provider">;
  /** After the provider, e.g. "2026년 2월 1일에 등록". */
  note?: string | null | undefined;
  className?: string;
}) {
  const { title, number, type, pending } = describeMethod(method);
  return (
    <div className={cx("flex items-center gap-4", className)}>
      <MethodIcon kind={method.kind} />
      <div className="min-w-0 space-y-0.5">
        <p className="flex flex-wrap items-center gap-2 font-bold">
          <span>{title}</span>
          {type && <Badge>{type}</Badge>}
        </p>
        {number && <p className="font-mono text-sm tabular-nums text-muted">{number}</p>}
        {pending && <p className="text-sm text-muted">{pending}</p>}
        <p className="text-sm text-muted">
          {[`${providerLabel(method.provider)} 자동결제`, note].filter(Boolean).join(" · ")}
        </p>
      </div>
    </div>
  );
}
