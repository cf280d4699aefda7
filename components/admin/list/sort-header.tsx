import Link from "next/link";
import { TH } from "@/components/ui/table";
import { cx } from "@/components/ui/cx";
import { listHref, type ListParams } from "@/lib/admin/list/search-params";

/**
 * A column header that sorts the list by `sort`: the first click sorts descending (newest,
 * largest first, what an admin usually wants), the next ascending. aria-sort tells screen
 * readers which column the list is sorted by.
 */
export function SortHeader({
  label,
  sort,
  path,
  params,
  className,
}: {
  label: string;
  sort: string;
  path: string;
  params: ListParams & { sort: string; dir: "asc" | "desc" };
  className?: string;
}) {
  const active = params.sort === sort;
  const nextDir = active && params.dir === "desc" ? "asc" : "desc";
  const href = listHref(path, params, { sort, dir: nextDir, page: 1 });
  return (
    <TH
      aria-sort={active ? (params.dir === "asc" ? "ascending" : "descending") : undefined}
      className={className}
    >
      <Link
        href={href}
        className={cx(
          "-mx-2 inline-flex min-h-9 items-center gap-1 rounded-md px-2 hover:bg-surface hover:text-foreground",
          active && "text-foreground",
        )}
      >
        {label}
        <span aria-hidden="true" className="text-xs">
          {active ? (params.dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
        <span className="sr-only">
          {active ? (params.dir === "asc" ? " (오름차순)" : " (내림차순)") : " 정렬"}
        </span>
      </Link>
    </TH>
  );
}
