import Link from "next/link";
import { Fragment } from "react";
import { Badge } from "@/components/ui/badge";
import { cx } from "@/components/ui/cx";
import type { SetupChecklist as Checklist } from "@/lib/admin/get-setup-checklist";

const CHECK =
  "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.81a.75.75 0 0 0-1.22-.88l-3.24 4.5-1.62-1.62a.75.75 0 1 0-1.06 1.06l2.25 2.25a.75.75 0 0 0 1.14-.1l3.75-5.2Z";
const TODO = "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm0-1.5a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13Z";

// Environment variable names (TOSS_PAY_API_KEY) in an explanation: set in code type, so a long
// name reads as one token and wraps at its underscores rather than anywhere.
const ENV_NAME = /(\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b)/;

function Explanation({ text }: { text: string }) {
  return (
    <p className="text-sm leading-relaxed text-muted">
      {text.split(ENV_NAME).map((part, index) =>
        index % 2 === 1 ? (
          <code
            key={index}
            className="rounded bg-surface-muted px-1 text-[0.8125rem] text-foreground"
          >
            {part.split("_").map((segment, i) => (
              <Fragment key={i}>
                {i > 0 && (
                  <>
                    _<wbr />
                  </>
                )}
                {segment}
              </Fragment>
            ))}
          </code>
        ) : (
          part
        ),
      )}
    </p>
  );
}

/**
 * The first-run checklist: each item done or not, one plain sentence on what to do, and where.
 * The status is written out ("완료" / "할 일") so it does not rest on the icon's colour.
 */
export function SetupChecklist({ checklist }: { checklist: Checklist }) {
  const left = checklist.items.filter((item) => !item.done).length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-muted">
        {left === 0
          ? "모든 항목을 마쳤어요."
          : `${checklist.items.length}개 중 ${left}개가 남았어요.`}
      </p>
      <ul className="divide-y divide-border">
        {checklist.items.map((item) => (
          <li key={item.id} className="flex gap-3 py-3 last:pb-0">
            <svg
              aria-hidden="true"
              viewBox="0 0 20 20"
              fill="currentColor"
              className={cx(
                "mt-0.5 size-5 shrink-0",
                item.done ? "text-success" : "text-border-strong",
              )}
            >
              <path fillRule="evenodd" clipRule="evenodd" d={item.done ? CHECK : TODO} />
            </svg>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-bold">{item.title}</span>
                {item.done ? (
                  <Badge tone="success">완료</Badge>
                ) : (
                  <Badge tone="warning">할 일</Badge>
                )}
              </p>
              <Explanation text={item.explanation} />
              {!item.done && (
                <Link
                  href={item.href}
                  className="inline-flex min-h-touch items-center text-sm font-bold text-primary hover:underline sm:min-h-0 sm:pt-1"
                >
                  {item.linkLabel}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
