import type { ReactNode } from "react";

/**
 * The frame of the outlined 24×24 icons (stroke in the text colour): the caller draws the
 * paths. Decorative: place it inside an aria-hidden element.
 */
export function LineIcon({ children }: { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.75"
      className="size-6"
    >
      {children}
    </svg>
  );
}
