import type { ComponentProps, ReactNode } from "react";
import { cx } from "./cx";

/**
 * A data table that scrolls sideways on narrow screens. The scroll container is focusable and
 * labelled so keyboard users can scroll it too.
 */
export function Table({
  caption,
  captionHidden = false,
  children,
  className,
  tableClassName = "min-w-[36rem]",
}: {
  /** Names the table for screen readers (and the scroll region). */
  caption: string;
  captionHidden?: boolean;
  children: ReactNode;
  className?: string;
  /** Wide tables keep a minimum width and scroll sideways rather than squeezing columns. */
  tableClassName?: string;
}) {
  return (
    <div
      role="region"
      aria-label={caption}
      // Focusable so keyboard users can scroll a table wider than the screen.
      tabIndex={0}
      // relative: sr-only text inside (a hidden caption, labels in off-screen columns) is
      // absolutely positioned; without a positioned ancestor here it escapes the scroll box and
      // widens the whole page on a phone. max-w-full: never wider than the parent.
      className={cx(
        "relative max-w-full overflow-x-auto rounded-xl border border-border bg-surface",
        className,
      )}
    >
      <table className={cx("w-full border-collapse text-left text-sm", tableClassName)}>
        <caption className={cx("px-4 py-3 text-left font-bold", captionHidden && "sr-only")}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function THead(props: ComponentProps<"thead">) {
  return <thead className="border-b border-border bg-surface-muted text-muted" {...props} />;
}

export function TBody(props: ComponentProps<"tbody">) {
  return <tbody className="divide-y divide-border" {...props} />;
}

export function TR(props: ComponentProps<"tr">) {
  return <tr {...props} />;
}

export function TH({ className, scope = "col", ...props }: ComponentProps<"th">) {
  return (
    <th
      scope={scope}
      className={cx("whitespace-nowrap px-4 py-3 font-bold", className)}
      {...props}
    />
  );
}

export function TD({ className, ...props }: ComponentProps<"td">) {
  return <td className={cx("px-4 py-3 align-middle", className)} {...props} />;
}
