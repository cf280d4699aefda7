import Link from "next/link";
import { cx } from "@/components/ui/cx";
import { listHref, type ListParams } from "@/lib/admin/list/search-params";

/**
 * The sort choices as a row of links, for card lists on phones where there are no column
 * headers to press. The current choice is marked with aria-current.
 */
export function SortLinks({
  path,
  params,
  options,
  className,
}: {
  path: string;
  params: ListParams & { sort: string; dir: "asc" | "desc" };
  options: readonly { label: string; sort: string; dir: "asc" | "desc" }[];
  className?: string;
}) {
  return (
    <nav aria-label="정렬" className={cx("flex flex-wrap gap-1", className)}>
      {options.map((o) => {
        const current = params.sort === o.sort && params.dir === o.dir;
        return (
          <Link
            key={`${o.sort}-${o.dir}`}
            href={listHref(path, params, { sort: o.sort, dir: o.dir, page: 1 })}
            aria-current={current ? "true" : undefined}
            className={cx(
              "inline-flex min-h-touch items-center rounded-lg px-3 text-sm font-bold",
              current ? "bg-primary/10 text-primary" : "text-muted hover:bg-surface-muted",
            )}
          >
            {o.label}
          </Link>
        );
      })}
    </nav>
  );
}
