import type { ComponentProps } from "react";
import { cx } from "./cx";

export const controlClasses = cx(
  "block w-full min-h-touch rounded-lg border border-border-strong bg-surface px-3.5 py-2",
  "text-base text-foreground placeholder:text-muted",
  "aria-[invalid=true]:border-danger aria-[invalid=true]:ring-1 aria-[invalid=true]:ring-danger",
  "disabled:cursor-not-allowed disabled:bg-surface-muted disabled:opacity-70",
);

// text-base (16px) on purpose: iOS Safari zooms the page into inputs with smaller text.
export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={cx(controlClasses, className)} {...props} />;
}
