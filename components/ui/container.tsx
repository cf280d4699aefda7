import type { ComponentProps } from "react";
import { cx } from "./cx";

/** The page width and side padding shared by header, footer and pages. */
export function Container({ className, ...props }: ComponentProps<"div">) {
  return <div className={cx("mx-auto w-full max-w-content px-4 sm:px-6", className)} {...props} />;
}
