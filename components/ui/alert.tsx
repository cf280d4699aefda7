import type { ReactNode } from "react";
import { cx } from "./cx";

export type AlertTone = "info" | "success" | "warning" | "danger";

const TONES: Record<AlertTone, { box: string; icon: string }> = {
  info: { box: "border-primary/30 bg-primary/10", icon: "text-primary" },
  success: { box: "border-success/30 bg-success/10", icon: "text-success" },
  warning: { box: "border-warning/30 bg-warning/10", icon: "text-warning" },
  danger: { box: "border-danger/30 bg-danger/10", icon: "text-danger" },
};

const ICON_PATHS: Record<AlertTone, string> = {
  info: "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-7-4a1 1 0 1 1-2 0 1 1 0 0 1 2 0ZM9 9a.75.75 0 0 0 0 1.5h.25v3.25a.75.75 0 0 0 1.5 0V9.75A.75.75 0 0 0 10 9H9Z",
  success:
    "M10 18a8 8 0 1 0 0-16 8 8 0 0 0 0 16Zm3.86-9.81a.75.75 0 0 0-1.22-.88l-3.24 4.5-1.62-1.62a.75.75 0 1 0-1.06 1.06l2.25 2.25a.75.75 0 0 0 1.14-.1l3.75-5.2Z",
  warning:
    "M8.49 2.87c.66-1.16 2.36-1.16 3.02 0l6.28 11.02c.65 1.14-.18 2.56-1.51 2.56H3.72c-1.33 0-2.16-1.42-1.5-2.56L8.48 2.87ZM10 6a.75.75 0 0 1 .75.75v3.5a.75.75 0 0 1-1.5 0v-3.5A.75.75 0 0 1 10 6Zm0 8a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
  danger:
    "M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z",
};

/**
 * A message box. Danger alerts are announced at once (role="alert"); the others politely
 * (role="status"), so a screen reader hears results that appear after a form submit.
 */
export function Alert({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: AlertTone;
  title?: ReactNode;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role={tone === "danger" ? "alert" : "status"}
      className={cx("flex gap-3 rounded-xl border p-4 text-sm", TONES[tone].box, className)}
    >
      <svg
        aria-hidden="true"
        viewBox="0 0 20 20"
        fill="currentColor"
        className={cx("mt-0.5 size-5 shrink-0", TONES[tone].icon)}
      >
        <path fillRule="evenodd" clipRule="evenodd" d={ICON_PATHS[tone]} />
      </svg>
      <div className="min-w-0 space-y-1 text-foreground">
        {title && <p className="font-bold">{title}</p>}
        {children && <div className="leading-relaxed">{children}</div>}
      </div>
    </div>
  );
}
