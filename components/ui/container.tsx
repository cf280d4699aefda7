import type { ComponentProps } from "react";
import { cx } from "./cx";

// A width is chosen by name rather than by a max-w-* class in className: two max-w utilities on
// one element do not override each other by order (the stylesheet decides), so an override
// passed in className was silently ignored.
const SIZES = {
  /** Header, footer and most pages. */
  content: "max-w-content",
  /** One column of reading or a form: checkout, sign-in. */
  narrow: "max-w-2xl",
} as const;

export type ContainerSize = keyof typeof SIZES;

/** The page width and side padding shared by header, footer and pages. */
export function Container({
  size = "content",
  className,
  ...props
}: ComponentProps<"div"> & { size?: ContainerSize }) {
  return <div className={cx("mx-auto w-full px-4 sm:px-6", SIZES[size], className)} {...props} />;
}
