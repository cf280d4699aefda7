import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

// The subscription panel's rows take more room than those inside a consent request's card.
const SIZES = {
  md: "py-3 sm:grid-cols-[9rem_1fr]",
  sm: "py-2.5 sm:grid-cols-[8rem_1fr]",
};

/** One term and its value in an account-page <dl>: stacked on a phone, side by side above. */
export function DetailRow({
  term,
  size = "md",
  children,
}: {
  term: string;
  size?: keyof typeof SIZES;
  children: ReactNode;
}) {
  return (
    <div className={cx("grid gap-1 sm:gap-4", SIZES[size])}>
      <dt className="text-sm text-muted">{term}</dt>
      <dd className="font-bold">{children}</dd>
    </div>
  );
}
