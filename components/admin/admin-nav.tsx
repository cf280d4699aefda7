"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cx } from "@/components/ui/cx";
import { ADMIN_SECTIONS, adminSectionHref } from "./admin-sections";

/** Sidebar on large screens, a scrollable row of tabs on phones. */
export function AdminNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="관리자 메뉴">
      <ul className="-mx-4 flex gap-1 overflow-x-auto px-4 pb-1 lg:mx-0 lg:flex-col lg:overflow-visible lg:px-0">
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
