import type { ReactNode } from "react";
import { cx } from "./cx";
import { LineIcon } from "./line-icon";

export function EmptyState({
  title,
  description,
  action,
  icon,
  className,
}: {
  title: ReactNode;
  description?: ReactNode;
  action?: ReactNode;
  icon?: ReactNode;
  className?: string;
}) {
  return (
    <div
      className={cx(
        "flex flex-col items-center gap-3 rounded-xl border border-dashed border-border bg-surface-muted/50 px-6 py-10 text-center",
        className,
      )}
    >
      <div
        aria-hidden="true"
        className="flex size-12 items-center justify-center rounded-full bg-surface text-muted shadow-card"
      >
        {icon ?? (
          <LineIcon>
            <path
              strokeLinecap="round"
              strokeLinejoin="round"
              d="M3.75 9.75h16.5m-16.5 0v8.5a2 2 0 0 0 2 2h12.5a2 2 0 0 0 2-2v-8.5m-16.5 0L6 4.75h12l2.25 5"
            />
          </LineIcon>
        )}
      </div>
      <p className="font-bold">{title}</p>
      {description && <p className="max-w-sm text-sm leading-relaxed text-muted">{description}</p>}
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
