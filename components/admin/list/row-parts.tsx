import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cx } from "@/components/ui/cx";
import { formatSeoulDateTime } from "@/lib/format";

// Cells and cards the admin lists share, so a customer or a timestamp reads the same everywhere.

/**
 * Who a row is about: their name (or email) linking to their subscription, and the email under
 * it when the name was shown ("always" even then; "hidden" where the row shows it elsewhere).
 */
export function CustomerLink({
  subscriptionId,
  name,
  email,
  showEmail = "withName",
  emailClassName = "truncate text-xs text-muted",
}: {
  subscriptionId: string | null;
  name: string | null;
  email: string;
  showEmail?: "withName" | "always" | "hidden";
  emailClassName?: string;
}) {
  return (
    <>
      {subscriptionId ? (
        <Link
          href={`/admin/subscribers/${subscriptionId}`}
          className="font-bold text-primary hover:underline"
        >
          {name ?? email}
        </Link>
      ) : (
        <span className="font-bold">{name ?? email}</span>
      )}
      {(showEmail === "always" || (showEmail === "withName" && name)) && (
        <p className={emailClassName}>{email}</p>
      )}
    </>
  );
}

/** When it happened, with the record's own number (order id, refund number) under it. */
export function WhenCell({ at, reference }: { at: Date; reference?: ReactNode }) {
  return (
    <>
      <time dateTime={at.toISOString()}>{formatSeoulDateTime(at)}</time>
      {reference}
    </>
  );
}

/** A row as a card on phones: who on the left, the amount on the right, details below. */
export function RowCard({
  who,
  amount,
  children,
}: {
  who: ReactNode;
  amount: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card className="space-y-3 p-4">
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">{who}</div>
        <div className={cx("shrink-0 text-right tabular-nums")}>{amount}</div>
      </div>
      {children}
    </Card>
  );
}
