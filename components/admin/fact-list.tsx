import type { ReactNode } from "react";
import { cx } from "@/components/ui/cx";

/** A fact that may be absent: `cond && [term, value]` leaves it out. */
export type Fact = [string, ReactNode] | null | false | "" | undefined;

/** Term/value pairs in two columns; absent facts are skipped. */
export function FactList({ items, strong = false }: { items: Fact[]; strong?: boolean }) {
  const shown = items.filter((item): item is [string, ReactNode] => Array.isArray(item));
  if (shown.length === 0) return null;
  return (
    <dl
      className={cx(
        "grid grid-cols-[auto_minmax(0,1fr)] text-sm",
        strong ? "gap-x-4 gap-y-2" : "mt-1 gap-x-3 gap-y-0.5",
      )}
    >
      {shown.map(([term, value]) => (
        <div key={term} className="contents">
          <dt className="text-muted">{term}</dt>
          <dd className={cx("min-w-0 break-words", strong && "font-bold")}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
