import Link from "next/link";
import { cx } from "@/components/ui/cx";
import { listHref, MAX_PAGE, type ListParams, type Page } from "@/lib/admin/list/search-params";

const NUMBER = new Intl.NumberFormat("ko-KR");

const linkClasses =
  "inline-flex min-h-touch min-w-touch items-center justify-center rounded-lg px-3 text-sm font-bold";

/**
 * "총 1,234건 중 26–50" ("총 3건" on a single page) with previous/next and a few page numbers
 * around the current one. Plain links: the list pages work without JavaScript and every page
 * has its own URL.
 */
export function Pagination({
  page,
  path,
  params,
  label = "목록 페이지",
}: {
  page: Pick<Page<unknown>, "page" | "pageSize" | "pageCount" | "total" | "totalCapped">;
  path: string;
  params: ListParams;
  label?: string;
}) {
  const lastPage = Math.min(page.pageCount, MAX_PAGE);
  const first = page.total === 0 ? 0 : (page.page - 1) * page.pageSize + 1;
  const last = page.totalCapped
    ? page.page * page.pageSize
    : Math.min(page.total, page.page * page.pageSize);
  // Past COUNT_CAP the list does not know its last page: no last-page link, and 다음 while
  // pages come back full.
  const numbers = pageWindow(page.page, lastPage, !page.totalCapped);
  const total = page.totalCapped
    ? `${NUMBER.format(page.total)}건 이상`
    : `총 ${NUMBER.format(page.total)}건`;
  const href = (n: number) => listHref(path, params, { page: n });

  return (
    <nav
      aria-label={label}
      className="flex flex-col items-center justify-between gap-3 sm:flex-row"
    >
      <p className="text-sm text-muted" aria-live="polite">
        {/* One page says only how many ("총 3건"); "3건 중 1–3" reads like noise. */}
        {page.total === 0
          ? "0건"
          : lastPage <= 1
            ? total
            : `${total} 중 ${NUMBER.format(first)}–${NUMBER.format(last)}`}
      </p>
      {lastPage > 1 && (
        <ul className="flex flex-wrap items-center justify-center gap-1">
          <li>
            <PageLink href={href(page.page - 1)} disabled={page.page <= 1}>
              <span aria-hidden="true">‹</span> 이전
            </PageLink>
          </li>
          {numbers.map((n, i) =>
            n === null ? (
              <li key={`gap-${i}`} aria-hidden="true" className="px-1 text-muted">
                …
              </li>
            ) : (
              <li key={n} className={cx(n !== page.page && "hidden sm:block")}>
                <Link
                  href={href(n)}
                  aria-current={n === page.page ? "page" : undefined}
                  aria-label={`${n}페이지`}
                  className={cx(
                    linkClasses,
                    n === page.page
                      ? "bg-primary text-primary-foreground"
                      : "text-foreground hover:bg-surface-muted",
                  )}
                >
                  {NUMBER.format(n)}
                </Link>
              </li>
            ),
          )}
          <li>
            <PageLink href={href(page.page + 1)} disabled={page.page >= lastPage}>
              다음 <span aria-hidden="true">›</span>
            </PageLink>
          </li>
        </ul>
      )}
    </nav>
  );
}

function PageLink({
  href,
  disabled,
  children,
}: {
  href: string;
  disabled: boolean;
  children: React.ReactNode;
}) {
  if (disabled) {
    return (
      <span aria-disabled="true" className={cx(linkClasses, "text-muted opacity-60")}>
        {children}
      </span>
    );
  }
  return (
    <Link href={href} className={cx(linkClasses, "text-foreground hover:bg-surface-muted")}>
      {children}
    </Link>
  );
}

/**
 * 1 … 4 5 [6] 7 8 … 20: the first, the last (unless `showLast` is false), and two either side of
 * the current page.
 */
export function pageWindow(current: number, last: number, showLast = true): (number | null)[] {
  const pages = new Set(showLast ? [1, last] : [1]);
  for (let n = current - 2; n <= current + 2; n++) if (n >= 1 && n <= last) pages.add(n);
  const sorted = [...pages].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of sorted) {
    const previous = out[out.length - 1];
    if (typeof previous === "number" && n - previous > 1) out.push(null);
    out.push(n);
  }
  return out;
}
