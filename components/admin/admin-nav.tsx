"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { cx } from "@/components/ui/cx";
import { ADMIN_SECTIONS, adminSectionHref } from "./admin-sections";

/** Sidebar on large screens, a scrollable row of tabs on phones. */
export function AdminNav() {
  const pathname = usePathname();
  const listRef = useRef<HTMLUListElement>(null);

  // On a phone the row of tabs is wider than the screen: bring the current section into view,
  // or a merchant on 설정 sees a row that does not show where they are. Only the row scrolls
  // (scrollLeft), never the page.
  useEffect(() => {
    const list = listRef.current;
    const current = list?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!list || !current || list.scrollWidth <= list.clientWidth) return;
    list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
  }, [pathname]);

  return (
    <nav aria-label="관리자 메뉴">
      {/* relative: the tabs' offsetLeft is measured from this list. py-1: room for the focus
          ring, which the scrolling row would otherwise clip at its top and bottom. */}
      <ul
        ref={listRef}
        className="relative -mx-4 flex gap-1 overflow-x-auto px-4 py-1 lg:mx-0 lg:flex-col lg:overflow-visible lg:px-0"
      >
        {ADMIN_SECTIONS.map((section) => {
          const href = adminSectionHref(section);
          const current = section.slug === "" ? pathname === href : pathname.startsWith(href);
          return (
            <li key={href} className="shrink-0">
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className={cx(
                  "flex min-h-touch items-center whitespace-nowrap rounded-lg px-3 text-sm font-bold",
                  current
                    ? "bg-primary/10 text-primary"
                    : "text-muted hover:bg-surface-muted hover:text-foreground",
                )}
              >
                {section.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
