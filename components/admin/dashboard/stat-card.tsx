import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";

/** One headline figure. The whole card is not a link; the optional link says where it goes. */
export function StatCard({
  label,
  value,
  hint,
  href,
  linkLabel,
  tone = "neutral",
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  href?: string;
  linkLabel?: string;
  tone?: "neutral" | "warning" | "danger";
}) {
  return (
    <Card
      className={cx(
        "flex h-full flex-col p-4 sm:p-5",
        tone === "warning" && "border-warning/40",
        tone === "danger" && "border-danger/40",
      )}
    >
      <p className="text-sm font-bold text-muted">{label}</p>
      <p className="mt-2 break-all text-2xl font-bold tabular-nums sm:text-3xl">{value}</p>
      {hint && <p className="mt-1 text-xs leading-relaxed text-muted">{hint}</p>}
      {href && linkLabel && (
        <Link
          href={href}
          className="mt-auto inline-flex min-h-touch items-center pt-1 text-sm font-bold text-primary hover:underline"
        >
          {linkLabel}
        </Link>
      )}
    </Card>
  );
}
