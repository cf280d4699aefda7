import { and, eq, gt } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";

// Both sandboxes have a customer window that one answer ends (Toss Pay's checkout link,
// Toss Payments' billing-auth window): the answer's UPDATE must only match a row that is still
// waiting and not yet expired, so two tabs or a late answer cannot end it twice.

/** The row still has its `waiting` status and its `expiresAt` is after `now`. */
export function stillOpen(
  table: { status: PgColumn; expiresAt: PgColumn },
  waiting: string,
  now: Date,
) {
  return and(eq(table.status, waiting), gt(table.expiresAt, now));
}
