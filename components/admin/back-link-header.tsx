import Link from "next/link";
import type { ComponentProps } from "react";
import { PageHeader } from "@/components/ui/page-header";

/** An admin detail page's header: the way back to its list above the page's h1. */
export function BackLinkHeader({
  back,
  ...header
}: { back: { href: string; label: string } } & ComponentProps<typeof PageHeader>) {
  return (
    <div className="space-y-3">
      <Link href={back.href} className="text-sm font-bold text-primary hover:underline">
        ← {back.label}
      </Link>
      <PageHeader {...header} />
    </div>
  );
}
